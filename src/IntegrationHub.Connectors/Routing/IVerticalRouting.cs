using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Connectors.Routing;

/// <summary>Which vertical system handles a procedure at an agency. The procedure tables are data, with effective dates.</summary>
public interface IVerticalRouting
{
    ValueTask<string?> SystemForAsync(string procedureCode, string agencyCode, CancellationToken ct);
}

/// <summary>Routing by the store's procedure table (the procedure effective today, Vietnam date).</summary>
public sealed class ProcedureVerticalRouting(IReferenceDataStore reference, TimeProvider time) : IVerticalRouting
{
    public async ValueTask<string?> SystemForAsync(string procedureCode, string agencyCode, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var procedure = await reference.FindProcedureAsync(procedureCode, agencyCode, today, ct);
        return procedure?.VerticalSystem is { Length: > 0 } system && VerticalSystems.All.Contains(system) ? system : null;
    }
}

/// <summary>Fallback routing from configuration: Verticals:Routing:&lt;procedureCode&gt; = system name (no store needed).</summary>
public sealed class ConfiguredVerticalRouting(IConfiguration configuration) : IVerticalRouting
{
    public ValueTask<string?> SystemForAsync(string procedureCode, string agencyCode, CancellationToken ct)
    {
        var system = configuration[$"Verticals:Routing:{procedureCode}"];
        return ValueTask.FromResult(VerticalSystems.All.Contains(system, StringComparer.OrdinalIgnoreCase) ? system : null);
    }
}
