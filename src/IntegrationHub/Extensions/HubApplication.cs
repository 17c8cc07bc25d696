namespace IntegrationHub.Extensions;

/// <summary>The composition root on one screen: what the hub is made of, then what it serves.</summary>
public static class HubApplication
{
    /// <param name="configure">Lets tests replace services (e.g. the TimeProvider) before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddHubConfiguration();
        builder.AddHubLogging();
        builder.AddHubErrors();
        builder.AddHubLimits();
        builder.AddHubStorage();
        builder.AddHubDossiers();
        builder.AddHubSignatures();
        builder.AddHubAuth();
        builder.AddHubRateLimiting();
        builder.AddHubHealth();
        builder.AddHubOpenApi();
        builder.AddHubSoap();
        builder.AddHubDelivery();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.OpenHubStorage();
        app.UseHubErrors();
        app.UseHubLogging();
        app.UseHubMetrics();
        app.UseHubLimits();
        // The public transparency page (wwwroot) is the only thing served to anonymous browsers besides /api/v1/public.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHubHealth();
        app.MapHubMetrics();
        app.MapHubOpenApi();
        app.MapHubApis();
        app.MapHubSoap();
        app.MapHubDelivery();
        app.PrintDevelopmentKeys();
        return app;
    }
}
