namespace IntegrationHub.Simulators.Faults;

/// <summary>What a simulated system does wrong. Settable by configuration and by the admin route.</summary>
public sealed class FaultOptions
{
    /// <summary>Share of requests (0..1) answered 503 before anything is recorded.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Delay before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Share of requests (0..1) that are recorded and then left hanging for <see cref="HangFor"/>: the ministry
    /// did the work but the caller times out, so its retry must be dropped as a duplicate.
    /// </summary>
    public double HangRate { get; set; }

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The next N accepted requests hang for <see cref="HangFor"/> after being recorded (deterministic HangRate).</summary>
    public int HangNext { get; set; }

    /// <summary>Down now: every request gets 503.</summary>
    public bool Down { get; set; }

    /// <summary>Down between these instants (by the simulator's TimeProvider).</summary>
    public List<DownWindow> DownWindows { get; set; } = [];

    /// <summary>Refuse every dossier with a validation error (permanent).</summary>
    public bool RefuseAll { get; set; }

    /// <summary>Refuse dossiers of these procedure codes with a validation error (permanent).</summary>
    public List<string> RefuseProcedures { get; set; } = [];

    public FaultOptions Clone() => new()
    {
        ErrorRate = ErrorRate, Latency = Latency, HangRate = HangRate, HangFor = HangFor, HangNext = HangNext, Down = Down,
        DownWindows = [.. DownWindows], RefuseAll = RefuseAll, RefuseProcedures = [.. RefuseProcedures],
    };
}

public sealed record DownWindow(DateTimeOffset From, DateTimeOffset Until)
{
    public bool Contains(DateTimeOffset at) => at >= From && at < Until;
}
