namespace IntegrationHub.Extensions;

/// <summary>Hub:* settings. DataDir holds the SQLite files, documents and logs.</summary>
public sealed class HubOptions
{
    public string DataDir { get; set; } = "./data";
}

/// <summary>Limits:* settings: sizes of what a client may send (413 beyond them).</summary>
public sealed class LimitsOptions
{
    /// <summary>Largest decoded document.</summary>
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest sum of decoded documents in one dossier.</summary>
    public long MaxDossierBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Largest request body: base64 inflates by 4/3, plus room for the JSON around it.</summary>
    public long MaxRequestBytes => MaxDossierBytes / 3 * 4 + 1024 * 1024;

    // Slow clients (slowloris): a connection that trickles its headers or body, or does not read its answer, holds a
    // slot for as long as it likes unless these cut it off. The defaults are Kestrel's, set here so they are visible.

    /// <summary>A request body arriving slower than this (on average, after the grace period) is cut off with 408; 0 turns the check off.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    public double MinRequestBodyGraceSeconds { get; set; } = 5;

    /// <summary>An answer read slower than this by the client (after the grace period) closes the connection; 0 turns the check off.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    public double MinResponseGraceSeconds { get; set; } = 5;

    /// <summary>Time for the request line and headers to arrive.</summary>
    public double RequestHeadersTimeoutSeconds { get; set; } = 30;

    /// <summary>How long an idle keep-alive connection stays open.</summary>
    public double KeepAliveTimeoutSeconds { get; set; } = 130;
}

public static class ConfigurationExtensions
{
    public static void AddHubConfiguration(this WebApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
        // One absolute data folder for everything that follows (logs, SQLite, documents).
        hub.DataDir = Path.GetFullPath(hub.DataDir, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(hub.DataDir);
        builder.Configuration["Hub:DataDir"] = hub.DataDir;
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Limits").Get<LimitsOptions>() ?? new LimitsOptions());
        builder.Services.AddSingleton(TimeProvider.System);
    }

    public static string DataDir(this IConfiguration configuration) => configuration["Hub:DataDir"] ?? "./data";
}
