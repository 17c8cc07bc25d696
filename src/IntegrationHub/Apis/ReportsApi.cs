using System.Security.Claims;
using IntegrationHub.Auth;
using IntegrationHub.Core.Statistics;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
using IntegrationHub.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>For leaders: the late and overdue dossiers, who holds them, the step that overran, whether an apology was sent.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(AuthExtensions.Reports);
        api.MapGet("/late", GetLate);
        return api;
    }

    public static async Task<Results<Ok<List<LateDossier>>, ProblemHttpResult>> GetLate(
        string? agency, ClaimsPrincipal user, IHubStore store, DueDates dueDates, TimeProvider time, CancellationToken ct)
    {
        // An agency key sees only its own agency, whatever it asks for.
        if (user.IsInRole(Roles.Agency) && user.AgencyCode() is { } own)
        {
            if (agency is not null && agency != own) return Problems.Of(403, "An agency key reads only its own agency.");
            agency = own;
        }
        var now = time.GetUtcNow();
        var dossiers = await store.DossiersForStatisticsAsync(DateTimeOffset.MinValue, now, agency, ct);
        var late = new List<LateDossier>();
        foreach (var d in dossiers)
        {
            if (DossierTimelines.IsWithdrawn(d)) continue;
            var hours = (await store.FindAgencyAsync(d.AgencyCode, ct))?.OfficeHours ?? Core.DueDates.OfficeHours.Default;
            var timeline = DossierTimelines.For(d, now, hours, dueDates.Calendar);
            var outcome = OnTimeRules.Classify(timeline, now);
            if (outcome is not (DossierOutcome.ResolvedLate or DossierOutcome.InProgressOverdue)) continue;
            late.Add(new LateDossier(d.Code, d.ProcedureCode, d.AgencyCode, (int)d.Status, StatusNames.Of(d.Status), d.DueAt,
                timeline.EffectiveDueAt, timeline.EndedAt, outcome == DossierOutcome.ResolvedLate ? "resolvedLate" : "inProgressOverdue",
                DossierTimelines.CurrentOfficial(d), OverranStep(d, now), d.History.LastOrDefault(h => h.Apology is not null)?.Apology));
        }
        return TypedResults.Ok(late.OrderBy(l => l.DueAt).ToList());
    }

    /// <summary>The first step whose own deadline passed before the next event (or before now, for the open step).</summary>
    private static OverranStepView? OverranStep(Dossier d, DateTimeOffset now)
    {
        var ordered = d.History.OrderBy(h => h.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].StepDueAt is not { } stepDue) continue;
            var finishedAt = i + 1 < ordered.Count ? ordered[i + 1].At : now;
            if (finishedAt > stepDue)
                return new OverranStepView(ordered[i].EventId, (int)ordered[i].Status, ordered[i].Official, stepDue, i + 1 < ordered.Count ? finishedAt : null);
        }
        return null;
    }
}

public sealed record LateDossier(string Code, string ProcedureCode, string AgencyCode, int Status, string StatusName, DateTimeOffset? DueAt,
    DateTimeOffset? EffectiveDueAt, DateTimeOffset? EndedAt, string Outcome, Official? CurrentOfficial, OverranStepView? OverranStep, Apology? Apology);

public sealed record OverranStepView(string EventId, int Status, Official? Official, DateTimeOffset StepDueAt, DateTimeOffset? FinishedAt);
