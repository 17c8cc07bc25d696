using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Systems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Simulators;

/// <summary>The routes of the simulators; the system routes and the admin routes come back separately so a host can guard the admin ones.</summary>
public sealed record SimulatorRoutes(RouteGroupBuilder Systems, RouteGroupBuilder Admin);

public static class SimulatorEndpoints
{
    /// <summary>Registers the simulators' runtime from the "Simulators" section and the host's TimeProvider.</summary>
    public static IServiceCollection AddSimulators(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SimulatorOptions();
        configuration.GetSection("Simulators").Bind(options);
        services.AddSingleton(sp => new SimulatorRuntime(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Maps the four systems under {prefix}/{system} (e.g. /sim/justice) and the admin routes under {prefix}/admin.
    /// The runtime comes from the host's services (<see cref="AddSimulators"/>).
    /// </summary>
    public static SimulatorRoutes MapSimulators(this IEndpointRouteBuilder endpoints, string prefix) =>
        endpoints.MapSimulators(prefix, endpoints.ServiceProvider.GetRequiredService<SimulatorRuntime>());

    public static SimulatorRoutes MapSimulators(this IEndpointRouteBuilder endpoints, string prefix, SimulatorRuntime runtime)
    {
        var root = endpoints.MapGroup(prefix);
        var systems = root.MapGroup("");
        PlanningInvestmentSimulator.Map(systems.MapGroup("/" + SimulatedSystems.PlanningInvestment), runtime);
        JusticeSimulator.Map(systems.MapGroup("/" + SimulatedSystems.Justice), runtime);
        TradeSimulator.Map(systems.MapGroup("/" + SimulatedSystems.Trade), runtime);
        NationalPortalSimulator.Map(systems.MapGroup("/" + SimulatedSystems.NationalPortal), runtime);
        return new SimulatorRoutes(systems, MapAdmin(root.MapGroup("/admin"), runtime));
    }

    private static RouteGroupBuilder MapAdmin(RouteGroupBuilder admin, SimulatorRuntime runtime)
    {
        admin.MapGet("/systems", () => Results.Ok(runtime.Systems.Select(s => s.Stats())));
        admin.MapGet("/{system}/faults", (string system) =>
            runtime.Knows(system) ? Results.Ok(runtime[system].Faults.Options) : Results.NotFound());
        admin.MapPut("/{system}/faults", (string system, FaultOptions faults) =>
        {
            if (!runtime.Knows(system)) return Results.NotFound();
            if (faults.ErrorRate is < 0 or > 1 || faults.HangRate is < 0 or > 1)
                return Results.Problem("ErrorRate and HangRate are between 0 and 1", statusCode: 400);
            runtime[system].Faults.Options = faults;
            return Results.Ok(runtime[system].Faults.Options);
        });
        admin.MapGet("/{system}/received", (string system, int? take) => runtime.Knows(system)
            ? Results.Ok(runtime[system].Ledger.Messages.OrderBy(m => m.At).Take(Math.Clamp(take ?? 100, 1, 1000)))
            : Results.NotFound());
        admin.MapPost("/advance", async (CancellationToken ct) =>
        {
            await runtime.AdvanceAsync(ct);
            return Results.Ok(runtime.Systems.Select(s => s.Stats()));
        });
        return admin;
    }
}
