using IntegrationHub.Core.Dossiers;

namespace IntegrationHub.Core.Ports;

/// <summary>Transparency statistics and the late-dossier report, answered from indexed queries.</summary>
public interface IStatisticsStore
{
    /// <summary>
    /// Dossiers received in [From, To] (Vietnam dates, both included), grouped; ended dossiers classified
    /// early / on time / late, open ones (and ones ended after the period) judged as of the end of To.
    /// </summary>
    Task<IReadOnlyList<StatsGroup>> GetStatsAsync(StatsQuery query, CancellationToken ct = default);

    /// <summary>
    /// The late (ended after their effective due date, or with more than one supplement) and overdue (open past it
    /// as of <paramref name="asOf"/>) dossiers of an agency, longest past the effective due date first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<LateDossier>> GetLateReportAsync(string agencyCode, DateTimeOffset asOf, int limit = 500, CancellationToken ct = default);
}

public enum StatsGroupBy { Agency, Procedure, Official }

public sealed record StatsQuery(DateOnly From, DateOnly To, string? AgencyCode, StatsGroupBy GroupBy);

/// <summary>
/// One group of DESIGN.md's stats JSON. <see cref="OnTimeRate"/> = (early + on time + in progress on time) / received.
/// Withdrawn dossiers (7) are received but in no outcome; dossiers without a due date count as on time.
/// </summary>
public sealed record StatsGroup(
    string Key,
    string? Name,
    long Received,
    long ResolvedEarly,
    long ResolvedOnTime,
    long ResolvedLate,
    long InProgressOnTime,
    long InProgressOverdue,
    double OnTimeRate);

/// <summary>A late or overdue dossier for the leaders' drill-down.</summary>
public sealed record LateDossier(
    string Code,
    string ProcedureCode,
    DossierStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? OriginalDueAt,
    DateTimeOffset? EffectiveDueAt,
    DateTimeOffset? EndedAt,
    bool Overdue,
    int SupplementCount,
    Official? CurrentOfficial,
    StatusEvent? OverrunStep,
    Apology? Apology);
