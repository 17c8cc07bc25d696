using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// The statistics as one GROUP BY over the covering indexes of migration 0003. Parameters: @fromMs (start of the
/// first Vietnam day), @asOfMs (start of the day after the last: the period's end), @agency.
/// Per dossier received in the period, one bucket (Core's OnTimeRules, precomputed by <see cref="StatsColumns"/>):
/// ended by the period's end: its end outcome (0 early, 1 on time, 2 late); withdrawn and still open: none;
/// open: 4 overdue once the period's end is past its overdue_from instant, else 3 in progress on time.
/// </summary>
internal static class StatsSql
{
    public const int InProgressOnTime = 3, InProgressOverdue = 4;

    private const string Bucket =
        "CASE WHEN ended_ms <= @asOfMs THEN end_outcome WHEN status = 7 THEN NULL " +
        "WHEN overdue_from_ms < @asOfMs THEN 4 ELSE 3 END";

    /// <summary>Late or overdue as of @asOfMs, for the late report (any received date).</summary>
    public const string LateOrOverdue =
        "((ended_ms <= @asOfMs AND end_outcome = 2) OR ((ended_ms IS NULL OR ended_ms > @asOfMs) AND status <> 7 AND overdue_from_ms < @asOfMs))";

    /// <summary>Rows of (group_key, bucket, n): at most five per group, summed up by the caller.</summary>
    public static string Build(StatsGroupBy groupBy, bool byAgency)
    {
        var key = groupBy switch
        {
            StatsGroupBy.Agency => "agency_code",
            StatsGroupBy.Procedure => "procedure_code",
            StatsGroupBy.Official => "COALESCE(official_name, '')",
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
        };
        var agencyFilter = byAgency ? " AND agency_code = @agency" : "";
        return $"""
            SELECT {key} AS group_key, {Bucket} AS bucket, COUNT(*) AS n
            FROM dossiers
            WHERE received_ms >= @fromMs AND received_ms < @asOfMs{agencyFilter}
            GROUP BY 1, 2
            """;
    }
}
