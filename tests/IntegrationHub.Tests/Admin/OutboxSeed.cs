using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests.Admin;

/// <summary>Puts outbox rows straight into the hub's store in a chosen state (the dispatcher is off in TestHub).</summary>
public static class OutboxSeed
{
    private static int sequence;

    public static string NextDossier() => $"000.00.25.H47-261130-9{Interlocked.Increment(ref sequence):D3}";

    /// <summary>One row for the dossier to the system, left pending, retrying, delivered or dead (with the error class).</summary>
    public static async Task<long> AddAsync(TestHub hub, string dossier, string system, DeliveryState state, string? errorClass = null)
    {
        var outbox = hub.Service<IOutboxStore>();
        var message = OutboxMessages.Dossier(dossier, system, $"seed-{Guid.NewGuid():N}");
        Assert.True(await outbox.EnqueueAsync(dossier, message));
        var id = (await outbox.ListDeliveriesAsync(new DeliveryQuery(DossierCode: dossier, Limit: 500))).Items.Single(d => d.MessageId == message.MessageId).Id;
        switch (state)
        {
            case DeliveryState.Delivered: await outbox.MarkDeliveredAsync(id); break;
            case DeliveryState.Retrying: await outbox.MarkFailedAsync(id, "503: down", errorClass ?? ErrorClasses.Transient, hub.Time.GetUtcNow().AddHours(1)); break;
            case DeliveryState.Dead: await outbox.MarkDeadAsync(id, "E-REFUSED: refused", errorClass ?? ErrorClasses.Validation); break;
        }
        return id;
    }

    public static async Task<Delivery> GetAsync(TestHub hub, long id) => (await hub.Service<IOutboxStore>().GetDeliveryAsync(id))!;
}
