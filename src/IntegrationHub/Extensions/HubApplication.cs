using IntegrationHub.Auth;
using IntegrationHub.Demo;

namespace IntegrationHub.Extensions;

/// <summary>The composition root on one screen: what the hub is made of, then what it serves.</summary>
public static class HubApplication
{
    /// <param name="configure">Lets tests replace services (e.g. the TimeProvider) before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot() });
        AddSettingsBesideBinaries(builder);
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
        builder.AddHubLongTerm();
        builder.AddHubSealing();
        builder.AddHubDemo();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.OpenHubStorage();
        // The request log wraps the exception handler, so it logs the status the handler sent (400 for an unreadable
        // body), not the 500 of the exception passing through on its way to the handler.
        app.UseHubLogging();
        app.UseHubErrors();
        app.UseHubMetrics();
        app.UseHubLimits();
        // Static pages: the public transparency page is open; the staff pages (wwwroot/admin, wwwroot/leaders)
        // pass the gate first, so authentication runs before the static files. Default files (/admin/ →
        // /admin/index.html) come after the gate, so the way back after signing in is the address asked for.
        app.UseAuthentication();
        app.UseStaffPageGate();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStaffCsrfCheck();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHubHealth();
        app.MapHubMetrics();
        app.MapHubOpenApi();
        app.MapHubApis();
        app.MapStaffLogin();
        app.MapHubSoap();
        app.MapHubDelivery();
        app.MapHubLongTerm();
        app.MapHubSealing();
        app.PrintDevelopmentKeys();
        return app;
    }

    /// <summary>
    /// appsettings.json (the vertical systems' status maps, the log levels, the limits) is copied beside the binaries,
    /// but ASP.NET Core reads it from the content root, the folder the process was started in. A hub started
    /// elsewhere (a service manager's working folder, <c>dotnet path/to/hub.dll</c>) would run without its defaults, so
    /// the file beside the binaries comes first, below everything else: files in the working folder, environment
    /// variables and the command line still win. appsettings.Development.json is not added: its relative paths
    /// (../../certs-sample) mean the project folder, where <c>dotnet run</c> starts the hub.
    /// </summary>
    private static void AddSettingsBesideBinaries(WebApplicationBuilder builder)
    {
        var binaries = Path.GetFullPath(AppContext.BaseDirectory);
        if (Path.GetRelativePath(binaries, builder.Environment.ContentRootPath) == ".") return;
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(binaries),
            Path = "appsettings.json",
            Optional = true,
        });
    }

    /// <summary>The pages are copied beside the binaries; use them wherever the process was started from.</summary>
    private static string? WebRoot()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }
}
