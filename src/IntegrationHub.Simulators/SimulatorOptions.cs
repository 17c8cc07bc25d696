using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Simulators;

/// <summary>Section "Simulators". Every credential here is a development value for stand-ins, never a real one.</summary>
public sealed class SimulatorOptions
{
    public bool Enabled { get; set; }

    /// <summary>Port for the standalone host on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Faults per system name (see <see cref="SimulatedSystems"/>).</summary>
    public Dictionary<string, FaultOptions> Faults { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a dossier stays in each status before the next one.</summary>
    public TimeSpan StatusStepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the status clock ticks (by the TimeProvider); zero turns the clock off (tests tick by hand).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The hub's SOAP status service, where justice pushes (e.g. http://127.0.0.1:5000/soap/DossierSync).</summary>
    public string? HubSoapUrl { get; set; }

    public string HubSoapNamespace { get; set; } = "urn:integrationhub:dossiersync:v1";

    /// <summary>The hub's base URL; trade calls back {HubEventsBaseUrl}/api/v1/dossiers/{code}/events.</summary>
    public string? HubEventsBaseUrl { get; set; }

    /// <summary>The API key the simulated ministries present to the hub (X-Api-Key on REST and SOAP).</summary>
    public string? HubApiKey { get; set; }

    /// <summary>Per system (justice, trade): its own key, since the hub binds a vertical key to one system. Falls back to <see cref="HubApiKey"/>.</summary>
    public Dictionary<string, string> HubApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? HubApiKeyFor(string system) => HubApiKeys.TryGetValue(system, out var key) ? key : HubApiKey;

    /// <summary>WS-Security UsernameToken demanded by the SOAP systems; null user means no check.</summary>
    public string? SoapUser { get; set; } = "hub";
    public string? SoapPassword { get; set; } = "hub-dev-password";

    public string TradeClientId { get; set; } = "hub";
    public string TradeClientSecret { get; set; } = "hub-dev-secret";
    public TimeSpan TradeTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public string NationalPortalApiKey { get; set; } = "dvcqg-dev-key";

    /// <summary>Seed for fault dice; null is random.</summary>
    public int? RandomSeed { get; set; }

    public FaultOptions FaultsFor(string system) =>
        Faults.TryGetValue(system, out var f) ? f : new FaultOptions();
}
