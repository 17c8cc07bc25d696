using IntegrationHub.Core.Statistics;

namespace IntegrationHub.Storage.Sql;

/// <summary>The per-dossier values the statistics query compares, computed at write time.</summary>
internal static class StatsColumns
{
    /// <summary>
    /// An end before this instant counts as early: Core's <see cref="OnTimeRules.EarlyBefore(DateTimeOffset)"/>
    /// (the start of the due time's session, 07:00 or 13:30 Vietnam time). Migration 0002 backfills old rows
    /// with the same rule written in SQL.
    /// </summary>
    public static long? EarlyBeforeMs(DateTimeOffset? dueAt)
        => dueAt is { } due ? OnTimeRules.EarlyBefore(due).ToUnixTimeMilliseconds() : null;
}
