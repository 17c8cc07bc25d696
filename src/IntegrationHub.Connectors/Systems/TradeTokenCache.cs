using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Systems;

/// <summary>
/// OAuth2 client-credentials token for trade, cached until shortly before it expires (by the TimeProvider).
/// One refresh at a time; a 401 from the API drops the token so the next call fetches a new one.
/// </summary>
public sealed class TradeTokenCache(IHttpClientFactory httpFactory, IOptionsMonitor<VerticalOptions> options, TimeProvider time)
{
    public const string HttpClientName = "trade-token";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    /// <summary>A token, or the failure that prevented getting one.</summary>
    public async Task<(string? Token, DeliveryOutcome? Failure)> GetAsync(CancellationToken ct)
    {
        if (Valid() is string cached) return (cached, null);
        await _refresh.WaitAsync(ct);
        try
        {
            if (Valid() is string again) return (again, null);
            return await FetchAsync(ct);
        }
        finally { _refresh.Release(); }
    }

    public void Invalidate(string token)
    {
        if (_current?.Token == token) _current = null;
    }

    private string? Valid() => _current is { } c && time.GetUtcNow() < c.RefreshAt ? c.Token : null;

    private async Task<(string?, DeliveryOutcome?)> FetchAsync(CancellationToken ct)
    {
        var o = options.Get(VerticalSystems.Trade);
        var url = o.BaseUrl!.TrimEnd('/') + o.TokenPath;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = o.ClientId ?? "", ["client_secret"] = o.ClientSecret ?? "",
        });
        using var response = await httpFactory.CreateClient(HttpClientName).PostAsync(url, form, ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = await TradeConnector.ReadErrorAsync(response, ct);
            var failure = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                ? FailureClass.Authentication
                : FailureClassifier.Classify(o, error?.Code, response.StatusCode);
            return (null, DeliveryOutcome.Failed(failure, error?.Code, "token: " + (error?.Message ?? response.ReasonPhrase)));
        }
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
        if (token?.AccessToken is null) return (null, DeliveryOutcome.Failed(FailureClass.Transient, "TOKEN", "token response without access_token"));
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn));
        _current = (token.AccessToken, time.GetUtcNow() + (lifetime > 2 * Skew ? lifetime - Skew : lifetime / 2));
        return (token.AccessToken, null);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
