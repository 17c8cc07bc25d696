using System.Collections.Concurrent;

namespace IntegrationHub.Simulators.Progress;

/// <summary>
/// Moves the dossiers a system received through its statuses over time (one step per interval of the
/// simulator's TimeProvider). A push system notifies the hub of each step and retries on the next tick
/// until the hub takes it; a pull system only answers status queries.
/// </summary>
public sealed class DossierProgress(
    IReadOnlyList<string> schedule, TimeSpan stepInterval, TimeProvider time, StatusNotifier? notifier)
{
    private static readonly (string Name, string Title, string Unit)[] Officials =
    [
        ("Lê Văn An", "Chuyên viên", "Phòng Tiếp nhận"),
        ("Nguyễn Thị Bình", "Chuyên viên chính", "Phòng Nghiệp vụ"),
        ("Trần Quốc Cường", "Trưởng phòng", "Phòng Nghiệp vụ"),
        ("Phạm Minh Dũng", "Phó Giám đốc", "Ban Giám đốc"),
    ];

    private readonly ConcurrentDictionary<string, Tracked> _dossiers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tick = new(1, 1);
    private long _pushed;
    private long _pushFailures;

    public long Pushed => Interlocked.Read(ref _pushed);
    public long PushFailures => Interlocked.Read(ref _pushFailures);

    public void Track(string dossierCode) =>
        _dossiers.TryAdd(dossierCode, new Tracked(Change(dossierCode, 0, time.GetUtcNow())));

    public StatusChange? Current(string dossierCode) =>
        _dossiers.TryGetValue(dossierCode, out var t) ? t.Current : null;

    /// <summary>One tick: pushes what is pending and moves every due dossier one step. Ticks never overlap.</summary>
    public async Task AdvanceAsync(CancellationToken ct = default)
    {
        await _tick.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            foreach (var t in _dossiers.Values)
            {
                if (t.Notified || notifier is null)
                {
                    if (t.Current.Step >= schedule.Count - 1 || now < t.Current.At + stepInterval) continue;
                    t.Current = Change(t.Current.DossierCode, t.Current.Step + 1, now);
                    t.Notified = false;
                }
                if (notifier is not null) await NotifyAsync(t, ct);
            }
        }
        finally { _tick.Release(); }
    }

    private async Task NotifyAsync(Tracked t, CancellationToken ct)
    {
        bool ok;
        try { ok = await notifier!(t.Current, ct); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { ok = false; }
        if (ok) { t.Notified = true; Interlocked.Increment(ref _pushed); }
        else Interlocked.Increment(ref _pushFailures);
    }

    private StatusChange Change(string code, int step, DateTimeOffset at)
    {
        var who = Officials[Math.Min(step, Officials.Length - 1)];
        var last = step >= schedule.Count - 1;
        return new StatusChange(code, step, schedule[step], at, who.Name, who.Title, who.Unit,
            Note: null, StepDueAt: last ? null : at + 2 * stepInterval);
    }

    private sealed class Tracked(StatusChange current)
    {
        public StatusChange Current { get; set; } = current;
        public bool Notified { get; set; }
    }
}
