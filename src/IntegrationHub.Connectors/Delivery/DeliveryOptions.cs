namespace IntegrationHub.Connectors.Delivery;

/// <summary>Section "Delivery": how the outbox is turned into jobs and how long outages are waited out.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often the dispatcher looks for due outbox rows (it also looks once at start).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows claimed per query by the dispatcher.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Outbox rows per Hangfire job. One job per row costs Hangfire several storage writes per delivery (enqueue,
    /// fetch, processing, succeeded); a batch pays them once for all its rows, and the national-portal rows it
    /// writes ride along. 1 gives one job per row. 50 cost 16% less CPU per delivery than 25 (delivery-load).
    /// </summary>
    public int JobBatchSize { get; set; } = 50;

    /// <summary>
    /// The dispatcher claims no more while this many jobs wait in Hangfire's queue, so a large backlog (e.g. after
    /// an outage) is handed out as fast as it is delivered instead of all at once, where leases would run out
    /// before the workers reach the last rows and those rows would be sent twice.
    /// </summary>
    public int MaxQueuedJobs { get; set; } = 40;

    /// <summary>Calls a batch job makes at once (each row still has its own outcome).</summary>
    public int BatchParallelism { get; set; } = 8;

    /// <summary>
    /// A claimed row is not claimed again for this long. If the process dies after claiming (before the job,
    /// during the call, or after the ministry answered) the row comes back when the lease runs out. A job that
    /// finds the circuit open holds the row (still leased, no attempt spent) until the breaker lets a probe through
    /// or the circuit closes (<see cref="CircuitWaits"/>), or until this lease runs out, whichever comes first.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts (each with the quick in-call retries) before a delivery becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Wait before attempt n+1 after attempt n failed; the last value repeats. Minutes to hours.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    public TimeSpan DelayAfter(int attempts)
    {
        var delays = RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;
        return delays[Math.Clamp(attempts - 1, 0, delays.Count - 1)];
    }
}
