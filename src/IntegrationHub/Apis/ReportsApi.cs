using System.Security.Claims;
using IntegrationHub.Auth;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
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

    public static async Task<Results<Ok<List<LateDossierView>>, ProblemHttpResult>> GetLate(
        string? agency, ClaimsPrincipal user, IStatisticsStore stats, TimeProvider time, CancellationToken ct)
    {
        // An agency key sees only its own agency, whatever it asks for.
        if (user.IsInRole(Roles.Agency) && user.AgencyCode() is { } own)
        {
            if (agency is not null && agency != own) return Problems.Of(403, "An agency key reads only its own agency.");
            agency = own;
        }
        if (agency is null || !AgencyCode.IsValid(agency)) return Problems.Of(400, "'agency' must be an agency code such as 000.00.25.H47.");
        var late = await stats.GetLateReportAsync(agency, time.GetUtcNow(), ct: ct);
        return TypedResults.Ok(late.Select(LateDossierView.From).ToList());
    }
}

public sealed record LateDossierView(string Code, string ProcedureCode, int Status, string StatusName, DateTimeOffset ReceivedAt,
    DateTimeOffset? OriginalDueAt, DateTimeOffset? EffectiveDueAt, DateTimeOffset? EndedAt, bool Overdue, int SupplementCount,
    Core.Dossiers.Official? CurrentOfficial, HistoryView? OverrunStep, Core.Dossiers.Apology? Apology, bool ApologySent)
{
    public static LateDossierView From(LateDossier d) => new(d.Code, d.ProcedureCode, (int)d.Status, StatusNames.Of(d.Status), d.ReceivedAt,
        d.OriginalDueAt, d.EffectiveDueAt, d.EndedAt, d.Overdue, d.SupplementCount, d.CurrentOfficial,
        d.OverrunStep is null ? null : HistoryView.From(d.OverrunStep), d.Apology, d.Apology is not null);
}
