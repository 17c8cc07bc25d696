namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// The outbox's pseudo-target for long-term augmentation (B-LT, B-LTA and its renewals). Such a row is not a delivery
/// to a ministry: the dispatcher hands it to <see cref="ILongTermWork"/> instead of a connector, and the delivery
/// counts leave it out. It shares the outbox's schedule, lease, growing delays, dead letters and admin replay.
/// </summary>
public static class LongTermTarget
{
    public const string Name = "long-term";
}

/// <summary>The host's handler for long-term rows (a Hangfire job, like <see cref="DeliveryJob"/>).</summary>
public interface ILongTermWork
{
    Task RunBatchAsync(long[] outboxIds, CancellationToken ct);
}
