using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Systems;

/// <summary>Industry &amp; trade over REST/JSON with OAuth2 client credentials (contracts/verticals/trade); statuses come back by callback.</summary>
public sealed class TradeConnector(HttpClient http, IOptionsMonitor<VerticalOptions> options, VerticalPipelines pipelines, TradeTokenCache tokens)
    : IVerticalConnector
{
    public string System => VerticalSystems.Trade;

    public Task<DeliveryOutcome> DeliverAsync(DossierMessage m, CancellationToken ct) =>
        ResilientCall.DeliverAsync(pipelines.For(System), async token =>
        {
            var first = await SendAsync(m, token);
            // An expired or revoked token: fetch a fresh one once before calling it an authentication failure.
            return first.Retry ? (await SendAsync(m, token)).Outcome : first.Outcome;
        }, ct);

    private async Task<(DeliveryOutcome Outcome, bool Retry)> SendAsync(DossierMessage m, CancellationToken ct)
    {
        var o = options.Get(System);
        var (accessToken, failure) = await tokens.GetAsync(ct);
        if (failure is not null) return (failure, false);

        using var request = new HttpRequestMessage(HttpMethod.Post, o.BaseUrl!.TrimEnd('/') + "/api/dossiers")
        {
            Content = JsonContent.Create(Body(m, o.InlineDocuments)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("Idempotency-Key", m.IdempotencyKey);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return (DeliveryOutcome.Delivered(Str(receipt, "receiptId"), receipt.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.True), false);
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized) tokens.Invalidate(accessToken!);
        var error = await ReadErrorAsync(response, ct);
        var outcome = DeliveryOutcome.Failed(FailureClassifier.Classify(o, error?.Code, response.StatusCode),
            error?.Code, error?.Message ?? $"HTTP {(int)response.StatusCode}");
        return (outcome, response.StatusCode == HttpStatusCode.Unauthorized);
    }

    private static object Body(DossierMessage m, bool inline) => new
    {
        idempotencyKey = m.IdempotencyKey,
        messageId = m.MessageId,
        dossierCode = m.DossierCode,
        procedureCode = m.ProcedureCode,
        agencyCode = m.AgencyCode,
        receivedAt = m.ReceivedAt,
        dueAt = m.DueAt,
        applicant = new { name = m.Applicant.Name, idNumber = m.Applicant.IdNumber },
        documents = m.Documents.Select(d => new
        {
            name = d.Name, mediaType = d.MediaType, sha256 = d.Sha256, signatureIndication = d.SignatureIndication,
            content = inline && d.Content is not null ? Convert.ToBase64String(d.Content) : null,
            link = inline && d.Content is not null ? null : d.Link,
        }),
    };

    internal sealed record ApiError(string? Code, string? Message);

    /// <summary>The contract's {code, message} error body; null when the body is something else.</summary>
    internal static async Task<ApiError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var e = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return e.ValueKind == JsonValueKind.Object ? new ApiError(Str(e, "code"), Str(e, "message")) : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException) { return null; }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
