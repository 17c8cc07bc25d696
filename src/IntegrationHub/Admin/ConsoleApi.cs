using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Apis;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;
using IntegrationHub.Extensions;
using IntegrationHub.Signatures.Trust;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Admin;

/// <summary>
/// What the admin console (wwwroot/admin) shows beyond the deliveries API: one overview (deliveries by state and
/// system, circuits, dead letters by failure class), the trust anchors in use, and bulk replays with progress.
/// Counts come from the same filtered queries as GET /admin/deliveries.
/// </summary>
public static class ConsoleApi
{
    public static RouteGroupBuilder MapConsoleApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/console").WithTags("Admin console").RequireAuthorization(AuthExtensions.Admin);
        api.MapGet("/overview", Overview);
        api.MapGet("/trust-anchors", TrustAnchors);
        api.MapPost("/replays", StartReplay);
        api.MapGet("/replays/{id}", Replay);
        return api;
    }

    private static readonly DeliveryState[] States = Enum.GetValues<DeliveryState>();
    private static readonly string[] FailureClasses = [ErrorClasses.Transient, ErrorClasses.Validation, ErrorClasses.Authentication, ErrorClasses.NotFound];

    public static async Task<Ok<ConsoleOverview>> Overview(DeliveryAdmin admin, TimeProvider time, CancellationToken ct)
    {
        async Task<long> Count(DeliveryState? state, string? system, string? errorClass) =>
            (await admin.ListAsync(new DeliveryFilter(state, system, null, errorClass), 1, 1, ct)).Total;

        var circuits = admin.Circuits();
        var systems = new List<SystemDeliveries>();
        foreach (var system in VerticalSystems.All)
        {
            var byState = new Dictionary<string, long>();
            foreach (var state in States) byState[Name(state)] = await Count(state, system, null);
            systems.Add(new SystemDeliveries(system, circuits.TryGetValue(system, out var c) ? c.ToString() : "Closed", byState));
        }
        var totals = (await admin.CountsAsync(ct)).ToDictionary(s => Name(s.Key), s => s.Value);
        var dead = new Dictionary<string, long>();
        foreach (var errorClass in FailureClasses) dead[errorClass] = await Count(DeliveryState.Dead, null, errorClass);
        return TypedResults.Ok(new ConsoleOverview(time.GetUtcNow(), totals, systems, dead));
    }

    public static Ok<List<TrustAnchorView>> TrustAnchors(TrustStore trust, TimeProvider time) =>
        TypedResults.Ok(trust.Anchors.Select(a => TrustAnchorView.From(a, time.GetUtcNow()))
            .OrderBy(a => a.Subject, StringComparer.Ordinal).ToList());

    /// <summary>Replays the dead letters matching the filter; the reason goes to the audit log. 202 with the id to poll.</summary>
    public static async Task<Results<Accepted<ReplayProgress>, ValidationProblem>> StartReplay(
        ReplayRequest? request, ReplayOperations replays, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500) errors["reason"] = ["is required (at most 500 characters), it goes to the audit log"];
        var filter = DeliveriesApi.Filter("dead", Blank(request?.System), request?.Dossier, Blank(request?.ErrorClass), errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var op = await replays.StartAsync(filter!, reason!, DeliveriesApi.Actor(user), ct);
        return TypedResults.Accepted($"/api/v1/admin/console/replays/{op.Id}", await replays.ProgressAsync(op, ct));
    }

    public static async Task<Results<Ok<ReplayProgress>, ProblemHttpResult>> Replay(string id, ReplayOperations replays, CancellationToken ct) =>
        replays.Find(id) is { } op
            ? TypedResults.Ok(await replays.ProgressAsync(op, ct))
            : Problems.Of(404, $"No replay {id} on this node (progress is kept in memory by the node that started it).");

    private static string Name(DeliveryState state) => state.ToString().ToLowerInvariant();

    // The page's "any" option sends an empty string.
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Bulk replay of dead letters: a mandatory reason, and any of dossier code, system, failure class.</summary>
public sealed record ReplayRequest(string? Reason, string? Dossier, string? System, string? ErrorClass);

/// <summary>Counts by state (pending, retrying, delivered, dead) overall and per system, circuits, dead letters by failure class.</summary>
public sealed record ConsoleOverview(
    DateTimeOffset At, IReadOnlyDictionary<string, long> Totals, IReadOnlyList<SystemDeliveries> Systems,
    IReadOnlyDictionary<string, long> DeadLettersByClass);

/// <summary>One vertical system: its circuit (Closed, Open, HalfOpen, Isolated) and its deliveries by state.</summary>
public sealed record SystemDeliveries(string System, string Circuit, IReadOnlyDictionary<string, long> States);

/// <summary>A trust anchor: who it is, its validity (and whether it holds now) and its SHA-256 thumbprint (hex).</summary>
public sealed record TrustAnchorView(
    string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool ValidNow, string Sha256)
{
    public static TrustAnchorView From(X509Certificate2 c, DateTimeOffset now)
    {
        var notBefore = new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return new(c.Subject, c.Issuer, c.SerialNumber, notBefore, notAfter, now >= notBefore && now <= notAfter,
            Convert.ToHexString(c.GetCertHash(HashAlgorithmName.SHA256)));
    }
}
