namespace IntegrationHub.Storage.Sql;

/// <summary>The per-dossier values the statistics query compares, computed at write time.</summary>
internal static class StatsColumns
{
    private const long HalfDayMs = 12 * 3600 * 1000L;
    private const long VietnamOffsetMs = 7 * 3600 * 1000L;

    /// <summary>
    /// An end before this instant counts as early: the start of the due instant's half-day (00:00 or 12:00) in
    /// Vietnam time. The same arithmetic backfills old rows in migration 0002.
    /// </summary>
    public static long? EarlyBeforeMs(DateTimeOffset? dueAt)
    {
        if (dueAt is not { } due) return null;
        var local = due.ToUnixTimeMilliseconds() + VietnamOffsetMs;
        return Math.DivRem(local, HalfDayMs).Quotient * HalfDayMs - VietnamOffsetMs;
    }
}
