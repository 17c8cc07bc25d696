namespace IntegrationHub.Demo;

/// <summary>
/// The out-of-the-box demo (Demo:Enabled, on in Development): a history of past dossiers written once, and new signed
/// dossiers every few seconds through the real intake, delivered to the simulated ministries (Simulators:Enabled).
/// </summary>
public static class DemoExtensions
{
    public static void AddHubDemo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Demo").Get<DemoOptions>() ?? new DemoOptions();
        builder.Services.AddSingleton(options);
        if (!options.Enabled) return;
        var certificates = Path.GetFullPath(options.CertificatesDir, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(sp => new DemoSigner(certificates, options.CertificatesPassword, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<DemoHistory>();
        builder.Services.AddSingleton<DemoFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoFeed>());
    }
}
