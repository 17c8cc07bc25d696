using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Connectors.Routing;
using IntegrationHub.Connectors.Systems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Connectors;

public static class ConnectorExtensions
{
    /// <summary>
    /// The four connectors as typed HttpClients, their options (Verticals:&lt;system&gt;, over the contract defaults),
    /// one resilience pipeline per system and the routing by procedure. Uses the registered TimeProvider.
    /// </summary>
    public static IServiceCollection AddVerticalConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        foreach (var system in VerticalSystems.All)
        {
            services.AddOptions<VerticalOptions>(system)
                .Configure(o => VerticalDefaults.Apply(system, o))
                .Bind(configuration.GetSection($"Verticals:{system}"));
        }
        services.TryAddSingleton<VerticalPipelines>();
        services.TryAddSingleton<TradeTokenCache>();
        services.AddHttpClient(TradeTokenCache.HttpClientName, NoClientTimeout);

        // The per-attempt timeout is Polly's, so HttpClient's own 100 s timeout is switched off. The factory's
        // loggers are removed: at Information they wrote four lines per delivery; outcomes are recorded in the outbox.
        services.AddHttpClient<PlanningInvestmentConnector>(NoClientTimeout).RemoveAllLoggers();
        services.AddHttpClient<JusticeConnector>(NoClientTimeout).RemoveAllLoggers();
        services.AddHttpClient<TradeConnector>(NoClientTimeout).RemoveAllLoggers();
        services.AddHttpClient<NationalPortalConnector>(NoClientTimeout).RemoveAllLoggers();
        services.AddTransient<IVerticalConnector>(sp => sp.GetRequiredService<PlanningInvestmentConnector>());
        services.AddTransient<IVerticalConnector>(sp => sp.GetRequiredService<JusticeConnector>());
        services.AddTransient<IVerticalConnector>(sp => sp.GetRequiredService<TradeConnector>());
        services.AddTransient<IVerticalConnector>(sp => sp.GetRequiredService<NationalPortalConnector>());
        services.AddTransient<IStatusPuller>(sp => sp.GetRequiredService<PlanningInvestmentConnector>());
        services.AddTransient<ConnectorCatalog>();
        // The store's procedure table when the store is registered; configuration otherwise.
        services.TryAddSingleton<IVerticalRouting>(sp => sp.GetService<IntegrationHub.Core.Ports.IReferenceDataStore>() is { } reference
            ? new ProcedureVerticalRouting(reference, sp.GetRequiredService<TimeProvider>())
            : new ConfiguredVerticalRouting(configuration));
        return services;
    }

    private static void NoClientTimeout(HttpClient http) => http.Timeout = Timeout.InfiniteTimeSpan;
}

/// <summary>The connectors by system name.</summary>
public sealed class ConnectorCatalog(IEnumerable<IVerticalConnector> connectors, IEnumerable<IStatusPuller> pullers)
{
    private readonly Dictionary<string, IVerticalConnector> _bySystem =
        connectors.ToDictionary(c => c.System, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IStatusPuller> _pullers =
        pullers.ToDictionary(p => p.System, StringComparer.OrdinalIgnoreCase);

    public IVerticalConnector? For(string system) => _bySystem.GetValueOrDefault(system);
    public IStatusPuller? PullerFor(string system) => _pullers.GetValueOrDefault(system);
    public IEnumerable<IStatusPuller> Pullers => _pullers.Values;
}
