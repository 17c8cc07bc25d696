using IntegrationHub.Connectors;
using IntegrationHub.Simulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>The four simulators on a real Kestrel (127.0.0.1, port 0) and the connectors configured against them.</summary>
public sealed class Rig : IAsyncDisposable
{
    private Rig(SimulatorHost simulators, ServiceProvider services)
    {
        Simulators = simulators;
        Services = services;
    }

    public SimulatorHost Simulators { get; }
    public ServiceProvider Services { get; }
    public SimulatorRuntime Runtime => Simulators.Runtime;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
    public IVerticalConnector Connector(string system) => Get<ConnectorCatalog>().For(system)!;
    public SystemState Sim(string system) => Runtime[system];

    public static async Task<Rig> StartAsync(
        Action<SimulatorOptions>? simulators = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? connectorTime = null,
        TimeProvider? simulatorTime = null,
        Action<IServiceCollection>? services = null)
    {
        var simOptions = new SimulatorOptions { TickInterval = TimeSpan.Zero, RandomSeed = 42 };
        simulators?.Invoke(simOptions);
        var host = await SimulatorHost.StartAsync(simOptions, simulatorTime);

        var config = new Dictionary<string, string?>();
        foreach (var system in VerticalSystems.All)
        {
            config[$"Verticals:{system}:BaseUrl"] = host.UrlOf(system);
            config[$"Verticals:{system}:RetryBaseDelay"] = "00:00:00.001";
            config[$"Verticals:{system}:AttemptTimeout"] = "00:00:05";
        }
        config["Verticals:planning-investment:Username"] = simOptions.SoapUser;
        config["Verticals:planning-investment:Password"] = simOptions.SoapPassword;
        config["Verticals:justice:Username"] = simOptions.SoapUser;
        config["Verticals:justice:Password"] = simOptions.SoapPassword;
        config["Verticals:trade:ClientId"] = simOptions.TradeClientId;
        config["Verticals:trade:ClientSecret"] = simOptions.TradeClientSecret;
        config["Verticals:national-portal:ApiKey"] = simOptions.NationalPortalApiKey;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton(connectorTime ?? TimeProvider.System);
        collection.AddVerticalConnectors(configuration);
        services?.Invoke(collection);
        return new Rig(host, collection.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulators.DisposeAsync();
    }
}
