using System.Globalization;
using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>What anyone may read, rate-limited per IP: dossier status without personal data, procedures, the calendar, statistics.</summary>
public static class PublicApi
{
    public static RouteGroupBuilder MapPublicApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimitExtensions.Public);
        api.MapGet("/dossiers/{code}", GetDossier);
        api.MapGet("/procedures", GetProcedures);
        api.MapGet("/calendar/{year}", GetCalendar);
        api.MapGet("/stats", GetStats);
        return api;
    }

    public static async Task<Results<Ok<PublicDossierView>, ProblemHttpResult>> GetDossier(string code, IDossierStore store, CancellationToken ct) =>
        await store.GetAsync(code, ct) is { } d ? TypedResults.Ok(PublicDossierView.From(d)) : Problems.Of(404, $"No dossier '{code}'.");

    public static async Task<Ok<List<ProcedureView>>> GetProcedures(IReferenceDataStore reference, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await reference.GetProceduresAsync(Today(time), ct)).Select(ProcedureView.From).ToList());

    public static Results<Ok<CalendarView>, ProblemHttpResult> GetCalendar(string year, IWorkingCalendar calendar)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return Problems.Of(400, "The year must be a number such as 2026.");
        if (y is < 1900 or > 2100) return Problems.Of(404, "The calendar covers the years 1900 to 2100.");
        var c = calendar.GetYear(y);
        return TypedResults.Ok(new CalendarView(c.Year, c.LunarNewYear, c.HungKingsDay,
            c.DaysOff.Select(d => new DayOffView(d.Date, d.Name, d.LunarDate)).ToList(), c.WorkingSaturdays));
    }

    public static async Task<Results<Ok<StatsAnswer>, ProblemHttpResult>> GetStats(
        string? from, string? to, string? agency, string? groupBy, IStatisticsStore stats, TimeProvider time, CancellationToken ct)
    {
        var today = Today(time);
        if (!TryDate(from, new DateOnly(today.Year, today.Month, 1), out var f)) return Problems.Of(400, "'from' must be a date YYYY-MM-DD.");
        if (!TryDate(to, today, out var t)) return Problems.Of(400, "'to' must be a date YYYY-MM-DD.");
        if (f > t) return Problems.Of(400, "'from' must not be after 'to'.");
        if (t.DayNumber - f.DayNumber > 3660) return Problems.Of(400, "The period is at most ten years.");
        StatsGroupBy? grouping = (groupBy ?? "agency") switch
        {
            "agency" => StatsGroupBy.Agency,
            "procedure" => StatsGroupBy.Procedure,
            "official" => StatsGroupBy.Official,
            _ => null,
        };
        if (grouping is null) return Problems.Of(400, "'groupBy' must be agency, procedure or official.");
        if (agency is not null && !AgencyCode.IsValid(agency)) return Problems.Of(400, "'agency' must be an agency code such as 000.00.25.H47.");
        var groups = await stats.GetStatsAsync(new StatsQuery(f, t, agency, grouping.Value), ct);
        return TypedResults.Ok(new StatsAnswer(f, t, groupBy ?? "agency", groups));
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToVietnam().DateTime);

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (text is null) { date = fallback; return true; }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}

public sealed record StatsAnswer(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<StatsGroup> Groups);

public sealed record ProcessingTimeView(decimal? Value, string Unit)
{
    public static ProcessingTimeView From(ProcessingTime t) => new(t.Value, t.Unit switch
    {
        ProcessingTimeUnit.WorkingDays => "workingDays",
        ProcessingTimeUnit.WorkingHours => "workingHours",
        _ => "calendarDays",
    });
}

public sealed record ProcedureView(string Code, string Name, string AgencyCode, string Field, ProcessingTimeView ProcessingTime,
    ProcessingTimeView? OnlineProcessingTime, string Online, string VerticalSystem, bool RequiresValidSignature)
{
    public static ProcedureView From(Procedure p) => new(p.Code, p.Name, p.AgencyCode, p.Field, ProcessingTimeView.From(p.ProcessingTime),
        p.OnlineProcessingTime is null ? null : ProcessingTimeView.From(p.OnlineProcessingTime), p.OnlineLevel.ToString().ToLowerInvariant(),
        p.VerticalSystem, p.RequiresValidSignature);
}

public sealed record CalendarView(int Year, DateOnly LunarNewYear, DateOnly HungKingsDay, IReadOnlyList<DayOffView> DaysOff, IReadOnlyList<DateOnly> WorkingSaturdays);

public sealed record DayOffView(DateOnly Date, string Name, string? LunarDate);
