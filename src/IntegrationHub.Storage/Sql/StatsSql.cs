using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// The statistics in two reads (migration 0005). Parameters: @fromMs (start of the first Vietnam day), @asOfMs (start
/// of the day after the last: the period's end), their day numbers @fromDay and @asOfDay, @agency, and @lo.
/// Per dossier received in the period, one bucket (Core's OnTimeRules, precomputed by <see cref="StatsColumns"/>):
/// ended by the period's end: its end outcome (0 early, 1 on time, 2 late); withdrawn and still open: none;
/// open: 4 overdue once the period's end is past its overdue_from instant, else 3 in progress on time.
/// <list type="number">
/// <item><see cref="Days"/>: the daily counts of every dossier received in the period under its final bucket;</item>
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

    /// <summary>Rows of (group_key, bucket, n) from stats_days: final buckets of everything received in the period.</summary>
    public static string Days(bool byAgency) => $"""
        SELECT group_key, bucket, CAST(SUM(n) AS BIGINT) AS n FROM stats_days
        WHERE dim = @dim AND day >= @fromDay AND day < @asOfDay{(byAgency ? " AND agency_code = @agency" : "")}
        GROUP BY group_key, bucket HAVING SUM(n) <> 0
        """;

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
