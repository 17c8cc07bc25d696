using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Statistics;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// The per-dossier values the statistics query compares, computed at write time with Core's
/// <see cref="OnTimeRules"/> so the query is a plain indexed GROUP BY. Migrations 0002 and 0003 backfill
/// older rows with the same rules written in SQL.
/// </summary>
internal static class StatsColumns
{
    public const long Early = 0, OnTime = 1, Late = 2;

    /// <summary>An end before this instant counts as early (<see cref="OnTimeRules.EarlyBefore(DateTimeOffset)"/>).</summary>
    public static long? EarlyBeforeMs(DateTimeOffset? dueAt)
        => dueAt is { } due ? OnTimeRules.EarlyBefore(due).ToUnixTimeMilliseconds() : null;

    /// <summary>The class of an ended dossier (early, on time, late): it no longer changes once ended.</summary>
    public static long? EndOutcome(DateTimeOffset receivedAt, DateTimeOffset? originalDue, DossierTimes times)
    {
        if (times.EndedAt is not { } end) return null;
        var timeline = new DossierTimeline(receivedAt, originalDue ?? times.EffectiveDueAt, times.EffectiveDueAt, end, times.SupplementCount);
        return OnTimeRules.ForReport(timeline, end) switch
        {
            DossierOutcome.ResolvedEarly => Early,
            DossierOutcome.ResolvedLate => Late,
            _ => OnTime,
        };
    }

    /// <summary>
    /// After this instant an open dossier is overdue: its effective due date; at once after a second supplement
    /// request; never (null) without a due date or while paused in a supplement that began by its due date.
    /// </summary>
    public static long? OverdueFromMs(DateTimeOffset receivedAt, DossierTimes times)
    {
        if (times.EffectiveDueAt is not { } due) return null;
        if (times.SupplementCount > 1) return receivedAt.ToUnixTimeMilliseconds();
        if (times.PausedSince is { } paused && paused <= due) return null;
        return due.ToUnixTimeMilliseconds();
    }
}
