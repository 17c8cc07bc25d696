using System.Security.Claims;
using IntegrationHub.Auth;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
using IntegrationHub.LongTerm;
using IntegrationHub.Sealing;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>Dossiers: intake by the portal, reading, and status events from vertical systems.</summary>
public static class DossiersApi
{
    public static RouteGroupBuilder MapDossiersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dossiers").WithTags("Dossiers");
        api.MapPost("/", Submit).RequireAuthorization(AuthExtensions.Portal).Accepts<DossierSubmission>("application/json");
        api.MapGet("/{code}", Get).RequireAuthorization(AuthExtensions.Reader);
        api.MapPost("/{code}/events", PostEvent).RequireAuthorization(AuthExtensions.Vertical);
        return api;
    }

    public static async Task<Results<Created<DossierView>, Ok<DossierView>, ValidationProblem, ProblemHttpResult>> Submit(
        DossierSubmission submission, DossierIntake intake, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await intake.SubmitAsync(submission, user.Identity?.Name ?? "portal", ct);
        return result switch
        {
            IntakeResult.Created c => TypedResults.Created($"/api/v1/dossiers/{c.Dossier.Code}", DossierView.From(c.Dossier)),
            IntakeResult.AlreadyStored s => TypedResults.Ok(DossierView.From(s.Dossier)),
            IntakeResult.Invalid i => Problems.Invalid(i.Errors),
            IntakeResult.TooLarge t => Problems.Of(413, t.Detail),
            IntakeResult.Conflict c => Problems.Of(409, c.Detail),
            IntakeResult.Unprocessable u => Problems.Of(422, u.Detail, u.Reports is null ? null : new Dictionary<string, object?> { ["reports"] = u.Reports }),
            _ => Problems.Of(500, "Unexpected intake result."),
        };
    }

    public static async Task<Results<Ok<DossierView>, ProblemHttpResult>> Get(
        string code, IDossierStore store, IOutboxStore outbox, HubStore levels, ClaimsPrincipal user, CancellationToken ct)
    {
        var dossier = await store.GetAsync(code, ct);
        if (Refusal(dossier, code, user) is { } refused) return refused;
        var deliveries = await outbox.ListDeliveriesAsync(new DeliveryQuery(DossierCode: code, Limit: 100), ct);
        var longTerm = LongTermView.For(await levels.GetDocumentLevelsAsync(code, ct), deliveries.Items);
        var held = await levels.ListOpenHeldForDossierAsync(code, ct);
        return TypedResults.Ok(DossierView.From(dossier!, deliveries.Items, longTerm) with { HeldSignatures = held.Select(HeldSealView.Of).ToList() });
    }

    /// <summary>
    /// Null when <paramref name="user"/> may see the dossier, else the problem GET /dossiers/{code} answers: 404 unknown,
    /// 403 another agency's. An agency key reads only its own agency's dossiers; one that names no agency reads none
    /// (fail closed, as the reports do). The seal and augment routes apply it to the dossier a request names.
    /// </summary>
    public static ProblemHttpResult? Refusal(Dossier? dossier, string code, ClaimsPrincipal user)
    {
        if (dossier is null) return Problems.Of(404, $"No dossier '{code}'.");
        if (user.IsInRole(Roles.Agency) && user.AgencyCode() != dossier.AgencyCode)
            return Problems.Of(403, user.AgencyCode() is null
                ? "This agency key or account names no agency (Auth:ApiKeys:N:Agency)."
                : $"Dossier '{code}' belongs to another agency.");
        return null;
    }

    public static async Task<Results<Ok<EventAnswer>, ValidationProblem, ProblemHttpResult>> PostEvent(
        string code, StatusEventDto statusEvent, EventIntake events, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await events.ApplyAsync(code, statusEvent, user.VerticalSystem(), user.Identity?.Name ?? "vertical", ct);
        return result switch
        {
            EventResult.Applied a => TypedResults.Ok(EventAnswer.From(a)),
            EventResult.Invalid i => Problems.Invalid(i.Errors),
            EventResult.TooLarge t => Problems.Of(413, t.Detail),
            EventResult.NotFound n => Problems.Of(404, n.Detail),
            EventResult.Forbidden f => Problems.Of(403, f.Detail),
            EventResult.Refused r => Problems.Of(409, r.Detail),
            _ => Problems.Of(500, "Unexpected event result."),
        };
    }
}

/// <summary>The answer to a status event: where the dossier stands now, and whether the event was a repeat.</summary>
public sealed record EventAnswer(string Code, int Status, string StatusName, bool Duplicate, DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt, DateTimeOffset? EffectiveDueAt)
{
    public static EventAnswer From(EventResult.Applied a) => new(a.Dossier.Code, (int)a.Dossier.Status,
        DossierStatusNames.Vietnamese(a.Dossier.Status), a.Duplicate, a.Dossier.DueAt, a.Dossier.OriginalDueAt, a.Dossier.Times.EffectiveDueAt);
}
