namespace IntegrationHub.Extensions;

/// <summary>
/// The place for delivery to vertical systems (Hangfire jobs reading the outbox, connectors, the admin
/// dead-letter routes). Owned by the connectors work; a no-op until it lands. Intake already writes the
/// outbox row in the same transaction as the dossier, so nothing is lost meanwhile.
/// </summary>
public static class DeliveryExtensions
{
    public static void AddHubDelivery(this WebApplicationBuilder builder)
    {
    }

    public static void MapHubDelivery(this WebApplication app)
    {
    }
}
