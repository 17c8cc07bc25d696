using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Extensions;

/// <summary>Request bodies beyond Limits:MaxDossierBytes (as base64 JSON) are refused with 413 before they are read.</summary>
public static class LimitsExtensions
{
    public static void AddHubLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Limits").Get<LimitsOptions>() ?? new LimitsOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBytes);
    }

    public static void UseHubLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<LimitsOptions>();
        app.Use((context, next) =>
        {
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limits.MaxRequestBytes;
            return next(context);
        });
    }
}
