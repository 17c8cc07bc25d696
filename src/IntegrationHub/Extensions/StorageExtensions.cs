using IntegrationHub.Dossiers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Extensions;

/// <summary>The store (Storage:Provider, Storage:ConnectionString) and the procedure catalogue seed.</summary>
public static class StorageExtensions
{
    public static void AddHubStorage(this WebApplicationBuilder builder)
    {
        var seed = Path.Combine(AppContext.BaseDirectory, "Seed", "procedures.json");
        builder.Services.AddSingleton(_ => ProcedureCatalog.Load(seed));
        builder.Services.AddSingleton<IHubStore, InMemoryHubStore>();
    }
}

/// <summary>Ready when the store answers.</summary>
public sealed class StoreHealthCheck(IHubStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsReadyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store does not answer.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
