using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace IntegrationHub.Extensions;

/// <summary>/health/live (the process answers), /health/ready (the store answers), /metrics (Prometheus).</summary>
public static class HealthExtensions
{
    public static void AddHubHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);

    public static void MapHubHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();
    }

    public static void UseHubMetrics(this WebApplication app) => app.UseHttpMetrics();

    public static void MapHubMetrics(this WebApplication app) => app.MapMetrics("/metrics").ExcludeFromDescription();
}
