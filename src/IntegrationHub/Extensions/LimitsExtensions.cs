using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IntegrationHub.Extensions;

/// <summary>
/// Request bodies beyond Limits:MaxDossierBytes (as base64 JSON) are refused with 413 before they are read; slow
/// headers, bodies and readers are cut off by Kestrel's timeouts and minimum data rates (Limits:*, see LimitsOptions).
/// </summary>
public static class LimitsExtensions
{
    public static void AddHubLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Limits").Get<LimitsOptions>() ?? new LimitsOptions();
        // Checked here so that a wrong setting stops the start with its name, not with Kestrel's exception at the first request.
        var bodyRate = DataRate(limits.MinRequestBodyBytesPerSecond, limits.MinRequestBodyGraceSeconds, "MinRequestBody");
        var responseRate = DataRate(limits.MinResponseBytesPerSecond, limits.MinResponseGraceSeconds, "MinResponse");
        var headersTimeout = Positive(limits.RequestHeadersTimeoutSeconds, "RequestHeadersTimeoutSeconds");
        var keepAlive = Positive(limits.KeepAliveTimeoutSeconds, "KeepAliveTimeoutSeconds");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBytes;
            kestrel.Limits.MinRequestBodyDataRate = bodyRate;
            kestrel.Limits.MinResponseDataRate = responseRate;
            kestrel.Limits.RequestHeadersTimeout = headersTimeout;
            kestrel.Limits.KeepAliveTimeout = keepAlive;
        });
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

    private static MinDataRate? DataRate(double bytesPerSecond, double graceSeconds, string name)
    {
        if (bytesPerSecond < 0) throw new InvalidOperationException($"Limits:{name}BytesPerSecond must be 0 (no minimum) or more, not {bytesPerSecond}.");
        if (bytesPerSecond == 0) return null;
        // Kestrel checks rates on its one-second heartbeat, and refuses a grace period that is not longer.
        if (graceSeconds <= 1) throw new InvalidOperationException($"Limits:{name}GraceSeconds must be more than 1 second, not {graceSeconds}.");
        return new MinDataRate(bytesPerSecond, TimeSpan.FromSeconds(graceSeconds));
    }

    private static TimeSpan Positive(double seconds, string name) =>
        seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new InvalidOperationException($"Limits:{name} must be more than 0, not {seconds}.");
}
