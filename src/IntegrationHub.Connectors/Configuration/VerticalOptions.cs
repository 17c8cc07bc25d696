using IntegrationHub.Connectors.Messages;

namespace IntegrationHub.Connectors.Configuration;

/// <summary>Section Verticals:&lt;system&gt;. Code defaults (<see cref="VerticalDefaults"/>) come first; configuration overrides them key by key.</summary>
public sealed class VerticalOptions
{
    /// <summary>The SOAP endpoint, or the REST base URL.</summary>
    public string? BaseUrl { get; set; }

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Quick in-call retries for transient faults; longer outages are the delivery job's business.</summary>
    public int MaxRetryAttempts { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 10;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>WS-Security UsernameToken for the SOAP systems.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>OAuth2 client credentials (trade).</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string TokenPath { get; set; } = "/oauth2/token";

    /// <summary>X-Api-Key (national portal).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Documents inline (base64) or as links to the hub.</summary>
    public bool InlineDocuments { get; set; } = true;

    /// <summary>The system's status code -> national code 1–10.</summary>
    public Dictionary<string, int> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The system's error code -> authentication, validation, not-found or transient. A key ending in * matches a prefix.</summary>
    public Dictionary<string, string> ErrorMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int? MapStatus(string systemStatus) =>
        StatusMap.TryGetValue(systemStatus, out var national) && national is >= 1 and <= 10 ? national : null;

    /// <summary>The failure class of an error code, or null when the table does not know it.</summary>
    public FailureClass? MapError(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (ErrorMap.TryGetValue(code, out var exact)) return ParseClass(exact);
        var prefix = ErrorMap.Where(e => e.Key.EndsWith('*') && code.StartsWith(e.Key[..^1], StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Key.Length).Select(e => e.Value).FirstOrDefault();
        return prefix is null ? null : ParseClass(prefix);
    }

    public static FailureClass? ParseClass(string name) => name.Trim().ToLowerInvariant() switch
    {
        "authentication" => FailureClass.Authentication,
        "validation" => FailureClass.Validation,
        "not-found" or "notfound" => FailureClass.NotFound,
        "transient" => FailureClass.Transient,
        _ => null,
    };
}
