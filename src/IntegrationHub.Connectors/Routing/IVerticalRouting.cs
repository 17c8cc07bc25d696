using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Connectors.Routing;

/// <summary>Which vertical system handles a procedure. The procedure tables are data: the store's implementation replaces this one.</summary>
public interface IVerticalRouting
{
    ValueTask<string?> SystemForAsync(string procedureCode, CancellationToken ct);
}

/// <summary>Fallback routing from configuration: Verticals:Routing:&lt;procedureCode&gt; = system name.</summary>
public sealed class ConfiguredVerticalRouting(IConfiguration configuration) : IVerticalRouting
{
    public ValueTask<string?> SystemForAsync(string procedureCode, CancellationToken ct)
    {
        var system = configuration[$"Verticals:Routing:{procedureCode}"];
        return ValueTask.FromResult(VerticalSystems.All.Contains(system, StringComparer.OrdinalIgnoreCase) ? system : null);
    }
}
