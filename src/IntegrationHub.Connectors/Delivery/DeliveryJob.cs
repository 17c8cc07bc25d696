using Hangfire;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// The Hangfire job for one outbox row: deliver through the connector, then record the outcome in the
/// outbox. The outbox owns the schedule (growing delays, dead letters), so Hangfire's own retry is off: a job
/// that dies leaves its row leased, and the dispatcher hands it out again when the lease runs out.
/// </summary>
public sealed class DeliveryJob(
    IOutboxStore outbox, DossierMessageBuilder builder, ConnectorCatalog connectors,
    IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Deliver outbox row {0}")]
    public async Task RunAsync(long deliveryId, CancellationToken ct)
    {
        var delivery = await outbox.GetDeliveryAsync(deliveryId, ct);
        // Delivered, dead (until an admin replays it) or gone: a stale job does nothing.
        if (delivery is null || delivery.State is DeliveryState.Delivered or DeliveryState.Dead) return;

        var connector = connectors.For(delivery.VerticalSystem);
        if (connector is null)
        {
            await outbox.MarkDeadAsync(deliveryId, $"no connector for '{delivery.VerticalSystem}'", ErrorClasses.Validation, ct);
            return;
        }
        var (message, problem) = await builder.BuildAsync(delivery, ct);
        if (message is null)
        {
            await outbox.MarkDeadAsync(deliveryId, problem!, ErrorClasses.Validation, ct);
            return;
        }
        // Every dossier a vertical system receives is synced to the national portal too (scored by Decision 766).
        if (message.Step is null && delivery.VerticalSystem != VerticalSystems.NationalPortal)
            await outbox.EnqueueAsync(delivery.DossierCode, OutboxMessages.NationalDossier(delivery.DossierCode), ct);

        var outcome = await connector.DeliverAsync(message, ct);
        await RecordAsync(delivery, outcome, ct);
    }

    private async Task RecordAsync(Core.Ports.Delivery d, DeliveryOutcome outcome, CancellationToken ct)
    {
        switch (outcome)
        {
            case { Result: DeliveryResult.Delivered }:
                await outbox.MarkDeliveredAsync(d.Id, ct);
                return;
            case { Result: DeliveryResult.CircuitOpen }:
                // No attempt spent: the row stays leased and comes back when the lease runs out.
                log.LogInformation("Circuit of {System} open; delivery {Id} waits", d.VerticalSystem, d.Id);
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
