using Hangfire;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// The Hangfire job for a batch of outbox rows (or one): deliver each through its connector, then record the
/// outcomes in the outbox. The outbox owns the schedule (growing delays, dead letters), so Hangfire's own retry is
/// off: a job that dies leaves its rows leased, and the dispatcher hands them out again when the lease runs out.
/// A row refused because its system's circuit is open is held in <see cref="CircuitWaits"/> and sent again by
/// <see cref="RunWaitedAsync"/> once the breaker lets a probe through, not a whole lease later.
/// </summary>
public sealed class DeliveryJob(
    IOutboxStore outbox, DossierMessageBuilder builder, ConnectorCatalog connectors, CircuitWaits waits,
    IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Deliver outbox row {0}")]
    public Task RunAsync(long deliveryId, CancellationToken ct) => RunBatchAsync([deliveryId], ct);

    /// <summary>
    /// Reads the rows in one query, writes their national-portal rows in one transaction (and delivers them too), calls the systems
    /// BatchParallelism at a time, and records every success in one transaction. A row that fails does not hold
    /// up the others; one that throws stays leased and comes back with its lease.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Deliver outbox rows {0}")]
    public async Task RunBatchAsync(long[] deliveryIds, CancellationToken ct)
    {
        // Delivered, dead (until an admin replays it) or gone: a stale job does nothing for that row.
        var rows = (await outbox.GetDeliveriesAsync(deliveryIds, ct)).Where(IsOpen).ToList();
        await DeliverAsync(rows, ct);
    }

    /// <summary>
    /// Rows held back while their circuit was open, sent again now that the breaker lets calls through. Each is sent
    /// only while it is still under the lease it was held with (<paramref name="leaseEndsMs"/>, same order): one whose
    /// lease ran out may already be leased to another job by the dispatcher, and that job sends it.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Deliver outbox rows {0} after their circuit opened")]
    public async Task RunWaitedAsync(long[] deliveryIds, long[] leaseEndsMs, CancellationToken ct)
    {
        var leases = deliveryIds.Zip(leaseEndsMs).ToDictionary(p => p.First, p => p.Second);
        var rows = (await outbox.GetDeliveriesAsync(deliveryIds, ct))
            .Where(d => IsOpen(d) && leases.TryGetValue(d.Id, out var lease) && d.NextAttemptAt.ToUnixTimeMilliseconds() == lease
                        && lease > time.GetUtcNow().ToUnixTimeMilliseconds())
            .ToList();
        await DeliverAsync(rows, ct);
    }

    private static bool IsOpen(Core.Ports.Delivery d) => d.State is DeliveryState.Pending or DeliveryState.Retrying && d.VerticalSystem != LongTermTarget.Name;

    private async Task DeliverAsync(List<Core.Ports.Delivery> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;

        // Every dossier a vertical system receives is synced to the national portal too (scored by Decision 766);
        // the row is written before the call, so a crash after the call cannot lose the sync. It is written leased
        // to this job, which delivers it with the others: no second dispatch and Hangfire job for half the traffic.
        // If the process dies, the lease runs out and the dispatcher hands it out like any other row.
        var national = rows.Where(d => d.VerticalSystem != VerticalSystems.NationalPortal && OutboxMessages.ReadPayload(d.Payload)?.Kind == OutboxPayload.DossierKind)
            .Select(d => (d.DossierCode, OutboxMessages.NationalDossier(d.DossierCode))).ToList();
        rows.AddRange(await outbox.EnqueueLeasedAsync(national, options.Value.Lease, ct));

        var messages = await builder.BuildManyAsync(rows, ct);
        var delivered = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.BatchParallelism), CancellationToken = ct },
            async (delivery, token) =>
            {
                try
                {
                    if (await DeliverOneAsync(delivery, messages[delivery.Id], token)) delivered.Add(delivery.Id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    log.LogError(ex, "Delivery {Id} to {System} failed unexpectedly; it comes back when its lease runs out", delivery.Id, delivery.VerticalSystem);
                }
            });
        await outbox.MarkDeliveredAsync(delivered.ToList(), ct);
    }

    /// <summary>True when delivered (recorded by the caller with the others); any other outcome is recorded here.</summary>
    private async Task<bool> DeliverOneAsync(Core.Ports.Delivery delivery, (DossierMessage? Message, string? Problem) built, CancellationToken ct)
    {
        var connector = connectors.For(delivery.VerticalSystem);
        if (connector is null)
        {
            await outbox.MarkDeadAsync(delivery.Id, $"no connector for '{delivery.VerticalSystem}'", ErrorClasses.Validation, ct);
            return false;
        }
        var (message, problem) = built;
        if (message is null)
        {
            await outbox.MarkDeadAsync(delivery.Id, problem!, ErrorClasses.Validation, ct);
            return false;
        }
        var outcome = await connector.DeliverAsync(message, ct);
        if (outcome.Result == DeliveryResult.Delivered) return true;
        await RecordFailureAsync(delivery, outcome, ct);
        return false;
    }

    private async Task RecordFailureAsync(Core.Ports.Delivery d, DeliveryOutcome outcome, CancellationToken ct)
    {
        switch (outcome)
        {
            case { Result: DeliveryResult.CircuitOpen }:
                // No attempt spent: the row stays leased (if this process dies, it comes back with its lease) and is
                // held until the breaker lets a probe through or the circuit closes; the dispatcher sends it then.
                log.LogInformation("Circuit of {System} open; delivery {Id} waits", d.VerticalSystem, d.Id);
                waits.Add(d.VerticalSystem, d.Id, d.NextAttemptAt, outcome.RetryAfter);
                return;
            case { IsPermanent: true }:
                await outbox.MarkDeadAsync(d.Id, Describe(outcome), ErrorClasses.Of(outcome.FailureClass), ct);
                return;
        }
        var attempts = d.Attempts + 1;
        var o = options.Value;
        if (attempts >= o.MaxAttempts)
            await outbox.MarkDeadAsync(d.Id, Describe(outcome), ErrorClasses.Of(outcome.FailureClass), ct);
        else
            await outbox.MarkFailedAsync(d.Id, Describe(outcome), ErrorClasses.Of(outcome.FailureClass), time.GetUtcNow() + o.DelayAfter(attempts), ct);
    }

    private static string Describe(DeliveryOutcome o) => $"{o.ErrorCode}: {o.Error}";
}

/// <summary>The error_class words stored in the outbox and used by the admin filter.</summary>
public static class ErrorClasses
{
    public const string Authentication = "authentication";
    public const string Validation = "validation";
    public const string NotFound = "not-found";
    public const string Transient = "transient";

    public static string Of(FailureClass failure) => failure switch
    {
        FailureClass.Authentication => Authentication,
        FailureClass.Validation => Validation,
        FailureClass.NotFound => NotFound,
        _ => Transient,
    };
}
