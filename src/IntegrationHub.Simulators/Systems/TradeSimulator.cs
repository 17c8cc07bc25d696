using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Simulators.Systems;

/// <summary>Industry &amp; trade (contracts/verticals/trade/openapi.yaml): REST with OAuth2 client credentials, callbacks.</summary>
public static class TradeSimulator
{
    public static readonly IReadOnlyList<string> Schedule = ["RECEIVED", "PROCESSING", "DONE", "RETURNED"];

    public static void Map(IEndpointRouteBuilder group, SimulatorRuntime runtime)
    {
        var state = runtime[SimulatedSystems.Trade];
        group.MapGet("/openapi.yaml", () => Results.Content(ContractFiles.Read("trade/openapi.yaml"), "application/yaml"));
        group.MapPost("/oauth2/token", (HttpRequest r) => TokenAsync(r, runtime, state));
        group.MapPost("/api/dossiers", (HttpRequest r, CancellationToken ct) => CreateAsync(r, runtime, state, ct));
        group.MapGet("/api/dossiers/{code}", (string code, HttpRequest r) =>
        {
            if (!Authorized(r, runtime, state)) return Error(401, "UNAUTHORIZED", "Token missing or expired");
            var current = state.Progress.Current(code);
            return current is null
                ? Error(404, "DOSSIER_NOT_FOUND", "Unknown dossier")
                : Results.Ok(new { dossierCode = code, status = current.SystemStatus, at = current.At });
        });
    }

    private static async Task<IResult> TokenAsync(HttpRequest request, SimulatorRuntime runtime, SystemState state)
    {
        if (state.Faults.BeforeRecording() == FaultDecision.Unavailable)
            return Error(503, "SERVICE_UNAVAILABLE", "Try later");
        if (!request.HasFormContentType) return Error(400, "invalid_request", "Form body expected");
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials") return Error(400, "unsupported_grant_type", "client_credentials only");
        if (form["client_id"] != runtime.Options.TradeClientId || form["client_secret"] != runtime.Options.TradeClientSecret)
            return Error(401, "invalid_client", "Unknown client");
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var lifetime = runtime.Options.TradeTokenLifetime;
        state.Tokens[token] = runtime.Time.GetUtcNow() + lifetime;
        state.CountToken();
        return Results.Ok(new { access_token = token, token_type = "Bearer", expires_in = (int)lifetime.TotalSeconds });
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SimulatorRuntime runtime, SystemState state, CancellationToken ct)
    {
        if (state.Faults.BeforeRecording() == FaultDecision.Unavailable)
            return Error(503, "SERVICE_UNAVAILABLE", "Try later");
        if (!Authorized(request, runtime, state)) return Error(401, "UNAUTHORIZED", "Token missing or expired");
        var key = request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return Error(400, "VALIDATION_IDEMPOTENCY_KEY", "Idempotency-Key header required");
        if (await JsonBody.ReadAsync(request, ct) is not JsonElement body) return Error(400, "VALIDATION_MALFORMED", "Malformed JSON");
        var code = body.Str("dossierCode");
        var procedure = body.Str("procedureCode");
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(procedure) || string.IsNullOrWhiteSpace(body.Str("messageId"))
            || body.Str("idempotencyKey") != key)
            return Error(400, "VALIDATION_REQUIRED", "dossierCode, procedureCode, messageId and a matching idempotencyKey are required");
        if (state.Faults.Refuses(procedure)) return Error(400, "VALIDATION_REJECTED", $"Procedure {procedure} is not accepted");

        var isNew = state.Ledger.TryRecord(new ReceivedMessage(key, code, "createDossier", body.GetRawText(), runtime.Time.GetUtcNow()), out _);
        if (isNew) state.Progress.Track(code);
        await state.Faults.DelayAnswerAsync(ct);
        var receipt = new { receiptId = Receipt.For("MOIT", key), dossierCode = code, duplicate = !isNew };
        return isNew ? Results.Json(receipt, statusCode: 201) : Results.Ok(receipt);
    }

    private static bool Authorized(HttpRequest request, SimulatorRuntime runtime, SystemState state)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        return state.Tokens.TryGetValue(header["Bearer ".Length..], out var expires) && runtime.Time.GetUtcNow() < expires;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { code, message }, statusCode: status);
}
