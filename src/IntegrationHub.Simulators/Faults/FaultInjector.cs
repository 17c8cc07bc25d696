namespace IntegrationHub.Simulators.Faults;

public enum FaultDecision { None, Unavailable }

/// <summary>Decides, per request, whether a system misbehaves. Thread-safe; options can be swapped at run time.</summary>
public sealed class FaultInjector(FaultOptions initial, TimeProvider time, Random random)
{
    private FaultOptions _options = initial;
    private readonly Lock _gate = new();
    private int _hangBudget = initial.HangNext;
    private long _calls;

    public FaultOptions Options
    {
        get { lock (_gate) return _options.Clone(); }
        set { lock (_gate) { _options = value.Clone(); _hangBudget = value.HangNext; } }
    }

    /// <summary>Every request that reached the system, whatever happened to it.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Checked first: down windows and the random transient error rate.</summary>
    public FaultDecision BeforeRecording()
    {
        Interlocked.Increment(ref _calls);
        var o = Options;
        var now = time.GetUtcNow();
        if (o.Down || o.DownWindows.Any(w => w.Contains(now))) return FaultDecision.Unavailable;
        return Roll(o.ErrorRate) ? FaultDecision.Unavailable : FaultDecision.None;
    }

    public bool Refuses(string procedureCode)
    {
        var o = Options;
        return o.RefuseAll || o.RefuseProcedures.Contains(procedureCode, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Latency for every answer, plus a hang after recording for a share of requests.</summary>
    public async Task DelayAnswerAsync(CancellationToken ct)
    {
        var o = Options;
        if (o.Latency > TimeSpan.Zero) await Task.Delay(o.Latency, time, ct);
        if (TakeHang() || Roll(o.HangRate)) await Task.Delay(o.HangFor, time, ct);
    }

    private bool TakeHang()
    {
        lock (_gate)
        {
            if (_hangBudget <= 0) return false;
            _hangBudget--;
            return true;
        }
    }

    private bool Roll(double rate)
    {
        if (rate <= 0) return false;
        lock (_gate) return random.NextDouble() < rate;
    }
}
