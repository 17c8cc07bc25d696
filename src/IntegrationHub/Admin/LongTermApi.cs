using IntegrationHub.Extensions;
using IntegrationHub.LongTerm;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Admin;

/// <summary>
/// GET /api/v1/admin/long-term: how many stored documents are at each long-term level, and the work not done yet per
/// state and service (the admin console's "Long-term preservation" table). The tasks themselves are outbox rows of
/// the system "long-term": GET /admin/deliveries?system=long-term lists them, and their dead letters replay as any.
/// </summary>
public static class LongTermApi
{
    public static RouteGroupBuilder MapLongTermApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/long-term").WithTags("Long-term preservation").RequireAuthorization(AuthExtensions.Admin);
        api.MapGet("", Overview);
        return api;
    }

    public static async Task<Ok<LongTermOverview>> Overview(HubStore store, TimeProvider time, CancellationToken ct)
    {
        var levels = await store.CountDocumentLevelsAsync(ct);
        var work = await store.CountLongTermWorkAsync(ct);
        return TypedResults.Ok(new LongTermOverview(time.GetUtcNow(),
            new Dictionary<string, long> { [Levels.LongTerm] = levels.GetValueOrDefault(Levels.LongTerm), [Levels.Archive] = levels.GetValueOrDefault(Levels.Archive) },
            work.Select(w => new LongTermWaiting(w.State, LongTermTasks.WaitingFor(w.ErrorClass), w.ErrorClass, w.Count)).ToList()));
    }
}

/// <summary>Documents per level reached (originals not yet augmented are not counted), and what is waiting.</summary>
public sealed record LongTermOverview(DateTimeOffset At, IReadOnlyDictionary<string, long> Levels, IReadOnlyList<LongTermWaiting> Waiting);

/// <param name="WaitingFor">"timestamp" or "revocation" when a service did not answer, else null</param>
/// <param name="Service">the error class: "timestamp@host:port" (also the circuit's name), "validation" for a refusal, null before a first attempt</param>
public sealed record LongTermWaiting(string State, string? WaitingFor, string? Service, long Count);
