using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Connectors.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The delivery job, the message builder and the outbox dispatcher (a hosted service). Needs the store's
    /// ports (IOutboxStore, IDossierStore) and Hangfire (IBackgroundJobClient) registered by the host.
    /// </summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services, IConfiguration configuration, bool runDispatcher = true)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection("Delivery"));
        services.TryAddTransient<DossierMessageBuilder>();
        services.TryAddTransient<DeliveryJob>();
        services.TryAddSingleton<CircuitWaits>();
        services.TryAddTransient<DeliveryAdmin>();
        services.TryAddTransient<StatusPullJob>();
        services.TryAddSingleton<OutboxDispatcher>();
        if (runDispatcher) services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
