using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Extensions;

/// <summary>The store (Storage:Provider sqlite|postgres, Storage:ConnectionString; SQLite in Hub:DataDir by default), one object behind every port.</summary>
public static class StorageExtensions
{
    public static void AddHubStorage(this WebApplicationBuilder builder)
    {
        var options = new StorageOptions(
            builder.Configuration["Storage:Provider"] ?? StorageOptions.Sqlite,
            string.IsNullOrWhiteSpace(builder.Configuration["Storage:ConnectionString"]) ? null : builder.Configuration["Storage:ConnectionString"],
            builder.Configuration.DataDir(),
            builder.Configuration["Hub:NodeName"]);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IWorkingTime>(sp => new CalendarWorkingTime(sp.GetRequiredService<IWorkingCalendar>()));
        // Opened once at start: migrations and the procedure seed run before the first request.
        builder.Services.AddSingleton(sp => HubStorage.OpenAsync(options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IWorkingTime>()).GetAwaiter().GetResult());
        builder.Services.AddSingleton<IDossierStore>(sp => sp.GetRequiredService<HubStore>());
        builder.Services.AddSingleton<IReferenceDataStore>(sp => sp.GetRequiredService<HubStore>());
        builder.Services.AddSingleton<IStatisticsStore>(sp => sp.GetRequiredService<HubStore>());
        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<HubStore>());
        builder.Services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<HubStore>());
    }

    /// <summary>Opens the store at start, so a broken database stops the host instead of the first request.</summary>
    public static void OpenHubStorage(this WebApplication app) => app.Services.GetRequiredService<HubStore>();
}

/// <summary>Ready when the store answers a query.</summary>
public sealed class StoreHealthCheck(IReferenceDataStore reference, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await reference.GetAgenciesAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
