using System.Security.Claims;
using IntegrationHub.Apis;
using IntegrationHub.Extensions;
using IntegrationHub.Signing;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Sealing;

/// <summary>
/// Held seals and augmentations for admins: the list (waiting, dead letters, done; kind seal or augment), replay of a
/// dead letter (audited as "seal.requeued" / "augment.requeued"), the circuits of the TSA, OCSP and CRL hosts.
/// </summary>
public static class HeldSealsApi
{
    public static RouteGroupBuilder MapHeldSealsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/held-seals").WithTags("Held seals").RequireAuthorization(AuthExtensions.Admin);
        api.MapGet("/", List);
        api.MapGet("/circuits", Circuits);
        api.MapPost("/{id}/retry", Retry);
        return api;
    }

    public static async Task<Results<Ok<HeldSealListView>, ValidationProblem>> List(string? state, string? kind, int? limit, HubStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        HeldSealState? filter = state switch
        {
            null or "" => null,
            "waiting" => HeldSealState.Waiting,
            "dead" => HeldSealState.Dead,
            "done" => HeldSealState.Done,
            _ => Invalid(errors, "state", "is waiting, dead or done"),
        };
        if (kind is not (null or "" or HeldKinds.Seal or HeldKinds.Augment)) errors["kind"] = ["is seal or augment"];
        if (limit is < 1 or > 500) errors["limit"] = ["is between 1 and 500"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var items = await store.ListHeldSealsAsync(filter, limit ?? 100, ct, kind is "" ? null : kind);
        return TypedResults.Ok(new HeldSealListView(items.Select(HeldSealView.Of).ToList()));
    }

    public static Ok<IReadOnlyDictionary<string, string>> Circuits(ServiceCircuits circuits) => TypedResults.Ok(circuits.States());

    public static async Task<Results<Ok<HeldSealView>, ProblemHttpResult>> Retry(string id, HubStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await store.ReplayHeldSealAsync(id, $"admin:{user.Identity?.Name}", ct)) return Problems.Of(404, $"No dead-letter held seal or augmentation {id}.");
        return TypedResults.Ok(HeldSealView.Of((await store.GetHeldSealAsync(id, ct))!));
    }

    private static HeldSealState? Invalid(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }
}

public sealed record HeldSealListView(IReadOnlyList<HeldSealView> Items);
