namespace IntegrationHub.Sealing;

/// <summary>Sealing:* (README "Seals held while the TSA is down"): how held seals are retried and when they become dead letters.</summary>
public sealed class SealingOptions
{
    /// <summary>Runs the retry worker in this process (a node that only answers requests may turn it off).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for held seals that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Held seals one run takes at most.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>A claimed seal is not claimed again for this long: a worker that dies with it gives it back then.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts (the one at request time not counted) before a held seal becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Wait before attempt n+1 after attempt n failed; the last value repeats. The first value is also the wait after the request.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>The circuits of the TSA, OCSP and CRL hosts (one per service and host).</summary>
    public TsaCircuitOptions Circuit { get; set; } = new();

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    /// <summary>The wait after <paramref name="attempts"/> failed attempts (0: after the request itself).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var delays = RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;
        return delays[Math.Clamp(attempts - 1, 0, delays.Count - 1)];
    }
}

/// <summary>
/// Sealing:Circuit: the breaker in front of each TSA, OCSP responder and CRL host (ServiceCircuits; no quick retries: the
/// held seal's delays do the waiting). LongTerm:Circuit, when set, is bound over it.
/// </summary>
public sealed class TsaCircuitOptions
{
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 4;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
