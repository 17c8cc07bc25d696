using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// The statistics in two reads (migrations 0005 and 0008). Parameters: @fromMs (start of the first Vietnam day), @asOfMs (start
/// of the day after the last: the period's end), their day numbers @fromDay and @asOfDay, @agency, and @lo.
/// Per dossier received in the period, one bucket (Core's OnTimeRules, precomputed by <see cref="StatsColumns"/>):
/// ended by the period's end: its end outcome (0 early, 1 on time, 2 late); withdrawn and still open: none;
/// open: 4 overdue once the period's end is past its overdue_from instant, else 3 in progress on time.
/// <list type="number">
/// <item><see cref="Counts"/>: the monthly and daily counts of every dossier received in the period under its final bucket;</item>
/// <item><see cref="Unsettled"/>: the few dossiers whose bucket at the period's end is not yet their final one
/// (settle_ms after it), with both buckets, so the caller moves them. Only dossiers received after @lo = @asOfMs minus
/// the longest settle lag can be unsettled, which keeps this an index range of days, not of the whole period.</item>
/// </list>
/// </summary>
internal static class StatsSql
{
    public const int InProgressOnTime = 3, InProgressOverdue = 4;

    /// <summary>The bucket as of @asOfMs (NULL: received, not judged).</summary>
    public const string Bucket =
        "CASE WHEN ended_ms <= @asOfMs THEN end_outcome WHEN status = 7 THEN NULL " +
        "WHEN overdue_from_ms < @asOfMs THEN 4 ELSE 3 END";

    /// <summary>Late or overdue as of @asOfMs, for the late report (any received date).</summary>
    public const string LateOrOverdue =
        "((ended_ms <= @asOfMs AND end_outcome = 2) OR ((ended_ms IS NULL OR ended_ms > @asOfMs) AND status <> 7 AND overdue_from_ms < @asOfMs))";

    /// <summary>The longest settle lag (settle_ms - received_ms) of any dossier, from its expression index.</summary>
    public const string MaxSettleLag =
        "SELECT settle_ms - received_ms FROM dossiers WHERE settle_ms IS NOT NULL ORDER BY settle_ms - received_ms DESC LIMIT 1";

    public static string Dimension(StatsGroupBy groupBy) => groupBy switch
    {
        StatsGroupBy.Agency => "agency",
        StatsGroupBy.Procedure => "procedure",
        StatsGroupBy.Official => "official",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
    };

    /// <summary>
    /// Rows of (group_key, bucket, n): final buckets of everything received in the period, from stats_months for the whole
    /// months [@fromMonth, @toMonth) and from stats_days for the days around them, [@fromDay, @headEnd) and [@tailStart, @asOfDay)
    /// (see <see cref="Split"/>).
    /// </summary>
    public static string Counts(bool byAgency)
    {
        var agency = byAgency ? " AND agency_code = @agency" : "";
        return $"""
            SELECT group_key, bucket, CAST(SUM(n) AS BIGINT) AS n FROM (
                SELECT group_key, bucket, n FROM stats_months WHERE dim = @dim AND month >= @fromMonth AND month < @toMonth{agency}
                UNION ALL SELECT group_key, bucket, n FROM stats_days WHERE dim = @dim AND day >= @fromDay AND day < @headEnd{agency}
                UNION ALL SELECT group_key, bucket, n FROM stats_days WHERE dim = @dim AND day >= @tailStart AND day < @asOfDay{agency}
            ) cells
            GROUP BY group_key, bucket HAVING SUM(n) <> 0
            """;
    }

    /// <summary>The days [FromDay, AsOfDay) as whole calendar months [FromMonth, ToMonth) (yyyymm keys) and the days before
    /// (up to HeadEnd) and after (from TailStart) them. Without a whole month inside, every day is a head day.</summary>
    public sealed record Span(long FromDay, long HeadEnd, long FromMonth, long ToMonth, long TailStart, long AsOfDay);

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>Splits a period given as <see cref="StatsDays.Day"/> numbers (days since 1970-01-01, Vietnam dates).</summary>
    public static Span Split(long fromDay, long asOfDay)
    {
        var from = Epoch.AddDays(checked((int)fromDay));
        var end = Epoch.AddDays(checked((int)asOfDay));
        var firstMonth = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var endMonth = new DateOnly(end.Year, end.Month, 1);
        if (firstMonth >= endMonth) return new Span(fromDay, asOfDay, 0, 0, asOfDay, asOfDay);
        return new Span(fromDay, DayNumber(firstMonth), MonthKey(firstMonth), MonthKey(endMonth), DayNumber(endMonth), asOfDay);
    }

    private static long DayNumber(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    private static long MonthKey(DateOnly date) => date.Year * 100L + date.Month;

    /// <summary>Rows of (group_key, final_bucket, bucket, n) for the dossiers not settled at @asOfMs.</summary>
    public static string Unsettled(StatsGroupBy groupBy, bool byAgency)
    {
        var key = groupBy switch
        {
            StatsGroupBy.Agency => "agency_code",
            StatsGroupBy.Procedure => "procedure_code",
            StatsGroupBy.Official => "COALESCE(official_name, '')",
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
        };
        return $"""
            SELECT {key} AS group_key, {StatsDays.FinalBucket} AS final_bucket, {Bucket} AS bucket, COUNT(*) AS n
            FROM dossiers
            WHERE received_ms >= @lo AND received_ms < @asOfMs AND settle_ms > @asOfMs{(byAgency ? " AND agency_code = @agency" : "")}
            GROUP BY 1, 2, 3
            """;
    }
}
