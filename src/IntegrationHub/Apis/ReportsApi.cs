using System.Security.Claims;
using IntegrationHub.Auth;
using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Extensions;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>
/// For leaders: the late and overdue dossiers, who holds them, the step that overran, whether an apology was sent;
/// the agencies they may read; one dossier's timeline. An agency key or account reads only its own agency.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(AuthExtensions.Reports);
        api.MapGet("/late", GetLate);
        api.MapGet("/agencies", GetAgencies);
        api.MapGet("/dossiers/{code}/timeline", GetTimeline);
        return api;
    }

    /// <summary>Late and overdue dossiers of an agency, most working days late first.</summary>
    public static async Task<Results<Ok<List<LateDossierView>>, ProblemHttpResult>> GetLate(
        string? agency, ClaimsPrincipal user, IStatisticsStore stats, IReferenceDataStore reference, IWorkingCalendar calendar,
        TimeProvider time, CancellationToken ct)
    {
        // An agency key sees only its own agency, whatever it asks for.
        if (user.IsInRole(Roles.Agency))
        {
            if (user.AgencyCode() is not { } own) return NoAgency();
            if (agency is not null && agency != own) return Problems.Of(403, "An agency key reads only its own agency.");
            agency = own;
        }
        if (agency is null || !AgencyCode.IsValid(agency)) return Problems.Of(400, "'agency' must be an agency code such as 000.00.25.H47.");
        var now = time.GetUtcNow();
        var late = await stats.GetLateReportAsync(agency, now, ct: ct);
        var names = await ProcedureNamesAsync(reference, time, ct);
        return TypedResults.Ok(late
            .Select(d => LateDossierView.From(d, agency, names.GetValueOrDefault((d.ProcedureCode, agency)),
                Lateness.WorkingDaysLate(d.EffectiveDueAt, d.EndedAt ?? now, calendar)))
            .OrderByDescending(v => v.LateWorkingDays)
            .ThenBy(v => v.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(v => v.Code, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>The agencies the caller may report on: its own for an agency key or account, all of them for an admin.</summary>
    public static async Task<Results<Ok<List<AgencyView>>, ProblemHttpResult>> GetAgencies(
        ClaimsPrincipal user, IReferenceDataStore reference, TimeProvider time, CancellationToken ct)
    {
        var agencies = await reference.GetAgenciesAsync(PublicApi.Today(time), ct);
        if (!user.IsInRole(Roles.Agency)) return TypedResults.Ok(agencies.Select(a => new AgencyView(a.Code, a.Name)).ToList());
        if (user.AgencyCode() is not { } own) return NoAgency();
        // An agency missing from today's reference data (merged away, say) is still the caller's own: shown by its code.
        var mine = agencies.FirstOrDefault(a => a.Code == own);
        return TypedResults.Ok(new List<AgencyView> { new(own, mine?.Name ?? own) });
    }

    /// <summary>One dossier's history for the drill-down: each step's official, deadline and finish, supplements, apologies.</summary>
    public static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> GetTimeline(
        string code, ClaimsPrincipal user, IDossierStore store, IReferenceDataStore reference, IWorkingCalendar calendar,
        IOutboxStore outbox, HubStore signatures, TimeProvider time, CancellationToken ct)
    {
        string? own = null;
        if (user.IsInRole(Roles.Agency) && (own = user.AgencyCode()) is null) return NoAgency();
        var dossier = await store.GetAsync(code, ct);
        if (dossier is null) return Problems.Of(404, $"No dossier '{code}'.");
        if (own is not null && own != dossier.AgencyCode) return Problems.Of(403, $"Dossier '{code}' belongs to another agency.");
        var names = await ProcedureNamesAsync(reference, time, ct);
        var deliveries = await outbox.ListDeliveriesAsync(new DeliveryQuery(DossierCode: code, Limit: 100), ct);
        var longTerm = LongTerm.LongTermView.For(await signatures.GetDocumentLevelsAsync(code, ct), deliveries.Items);
        var held = (await signatures.ListOpenHeldForDossierAsync(code, ct)).Select(Sealing.HeldSealView.Of).ToList();
        return TypedResults.Ok(TimelineView.From(dossier, names.GetValueOrDefault((dossier.ProcedureCode, dossier.AgencyCode)),
            time.GetUtcNow(), calendar) with { SignaturesWaiting = SignatureWaitView.Of(held, longTerm.Values) });
    }

    private static ProblemHttpResult NoAgency() => Problems.Of(403, "This agency key or account names no agency (Auth:ApiKeys:N:Agency).");

    private static async Task<Dictionary<(string Code, string Agency), string>> ProcedureNamesAsync(
        IReferenceDataStore reference, TimeProvider time, CancellationToken ct)
    {
        var names = new Dictionary<(string, string), string>();
        foreach (var p in await reference.GetProceduresAsync(PublicApi.Today(time), ct)) names[(p.Code, p.AgencyCode)] = p.Name;
        return names;
    }
}
