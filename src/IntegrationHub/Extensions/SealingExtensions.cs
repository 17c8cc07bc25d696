using IntegrationHub.Sealing;

namespace IntegrationHub.Extensions;

/// <summary>The agency seal (Sealing:*): the service behind POST /signatures/seal, the held augmentations, the TSA circuits, the held-seal job and its worker, the admin routes.</summary>
public static class SealingExtensions
{
    public static void AddHubSealing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SealingOptions>().Bind(builder.Configuration.GetSection("Sealing"));
        services.AddSingleton<TsaGuard>();
        services.AddSingleton<AgencySeal>();
        services.AddSingleton<HeldAugmentation>();
        services.AddSingleton<HeldSealJob>();
        if (builder.Configuration.GetValue("Sealing:Worker", true)) services.AddHostedService<HeldSealWorker>();
    }

    public static void MapHubSealing(this WebApplication app) => app.MapHeldSealsApiV1();
}
