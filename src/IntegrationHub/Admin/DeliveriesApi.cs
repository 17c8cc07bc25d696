using System.Security.Claims;
using IntegrationHub.Apis;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;
using IntegrationHub.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Admin;

/// <summary>
/// Deliveries for admins: the retry queues and dead letters (filtered, paged on indexed columns, newest first),
/// replay of one or of everything a filter matches (with an audited reason), circuit states and counts.
/// </summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/deliveries").WithTags("Deliveries").RequireAuthorization(AuthExtensions.Admin);
        api.MapGet("/", List);
        api.MapGet("/counts", Counts);
        api.MapGet("/circuits", Circuits);
        api.MapPost("/{id:long}/retry", Retry);
        api.MapPost("/retry", BulkRetry);
        return api;
    }

    public static async Task<Results<Ok<DeliveryListView>, ValidationProblem>> List(
        string? state, string? system, string? dossier, string? errorClass, int? page, int? pageSize, DeliveryAdmin admin, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = Filter(state, system, dossier, errorClass, errors);
        if (page is < 1) errors["page"] = ["starts at 1"];
        if (pageSize is < 1 or > 500) errors["pageSize"] = ["is between 1 and 500"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var size = pageSize ?? DeliveryAdmin.PageSize;
        var result = await admin.ListAsync(filter!, page ?? 1, size, ct);
        return TypedResults.Ok(new DeliveryListView(result.Items.Select(DeliveryItemView.From).ToList(), result.Total, page ?? 1, size));
    }

    public static async Task<Ok<DeliveryCountsView>> Counts(DeliveryAdmin admin, CancellationToken ct)
    {
        var states = await admin.CountsAsync(ct);
        var national = await admin.NationalSyncAsync(ct);
        return TypedResults.Ok(new DeliveryCountsView(states.ToDictionary(s => s.Key.ToString().ToLowerInvariant(), s => s.Value), national));
    }

    public static Ok<Dictionary<string, string>> Circuits(DeliveryAdmin admin) =>
        TypedResults.Ok(admin.Circuits().ToDictionary(c => c.Key, c => c.Value.ToString()));

    public static async Task<Results<Ok<RetryView>, ProblemHttpResult>> Retry(long id, DeliveryAdmin admin, ClaimsPrincipal user, CancellationToken ct) =>
        await admin.RetryAsync(id, Actor(user), ct)
            ? TypedResults.Ok(new RetryView(1))
            : Problems.Of(404, $"No dead or retrying delivery {id}.");

    public static async Task<Results<Ok<RetryView>, ValidationProblem>> BulkRetry(
        BulkRetryRequest? request, DeliveryAdmin admin, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 500) errors["reason"] = ["is required (at most 500 characters), it goes to the audit log"];
        var filter = Filter(request?.State ?? "dead", request?.System, request?.Dossier, request?.ErrorClass, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var requeued = await admin.BulkRetryAsync(filter!, request!.Reason!.Trim(), Actor(user), ct);
        return TypedResults.Ok(new RetryView(requeued));
    }

    /// <summary>Parses the admin filter (shared with the console's bulk replay); null with <paramref name="errors"/> filled when invalid.</summary>
    internal static DeliveryFilter? Filter(string? state, string? system, string? dossier, string? errorClass, Dictionary<string, string[]> errors)
    {
        DeliveryState? parsed = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (Enum.TryParse<DeliveryState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s)) parsed = s;
            else errors["state"] = ["is one of pending, retrying, delivered, dead"];
        }
        if (system is not null && !Connectors.VerticalSystems.All.Contains(system)) errors["system"] = [$"is one of {string.Join(", ", Connectors.VerticalSystems.All)}"];
        if (errorClass is not null && errorClass is not (ErrorClasses.Authentication or ErrorClasses.Validation or ErrorClasses.NotFound or ErrorClasses.Transient))
            errors["errorClass"] = ["is one of authentication, validation, not-found, transient"];
        if (dossier is { Length: > 64 }) errors["dossier"] = ["is at most 64 characters"];
        return errors.Count > 0 ? null : new DeliveryFilter(parsed, system, string.IsNullOrWhiteSpace(dossier) ? null : dossier, errorClass);
    }

    internal static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "admin";
}

public sealed record BulkRetryRequest(string? Reason, string? State, string? System, string? Dossier, string? ErrorClass);

public sealed record RetryView(int Requeued);

public sealed record DeliveryListView(IReadOnlyList<DeliveryItemView> Items, long Total, int Page, int PageSize);

public sealed record DeliveryCountsView(IReadOnlyDictionary<string, long> States, SyncCounts NationalPortal);

/// <summary>A delivery without its payload.</summary>
public sealed record DeliveryItemView(
    long Id, string DossierCode, string System, string MessageId, string State, int Attempts, DateTimeOffset NextAttemptAt,
    string? LastError, string? ErrorClass, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeliveredAt,
    string? DeliveredBy)
{
    public static DeliveryItemView From(Delivery d) => new(d.Id, d.DossierCode, d.VerticalSystem, d.MessageId,
        d.State.ToString().ToLowerInvariant(), d.Attempts, d.NextAttemptAt, d.LastError, d.ErrorClass, d.CreatedAt, d.UpdatedAt, d.DeliveredAt, d.DeliveredBy);
}
