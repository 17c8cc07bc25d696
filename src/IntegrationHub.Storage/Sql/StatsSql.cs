using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// The statistics as one GROUP BY over the covering indexes of migration 0002. Parameters: @fromMs (start of the first
/// Vietnam day), @asOfMs (start of the day after the last: the period's end), @agency.
/// The 766 rules, per dossier received in the period:
/// ended by the period's end (Core's OnTimeRules.Classify): early (before the due time's session began), on time (by the effective due date), late
/// (after it, or more than one supplement request); a dossier without a due date is on time.
/// Open at the period's end (withdrawn ones excepted): overdue when past its effective due date — for a dossier paused
/// in a supplement, when the pause began after it — or after more than one supplement request; otherwise on time.
/// </summary>
internal static class StatsSql
{
    private const string Ended = "(ended_ms IS NOT NULL AND ended_ms <= @asOfMs)";
    private const string NoDue = "effective_due_ms IS NULL";
    private const string Open = "(NOT " + Ended + " AND status <> 7)";

    private const string Overdue =
        "(supplement_count > 1 OR (CASE WHEN paused_since_ms IS NOT NULL AND paused_since_ms < @asOfMs " +
        "THEN paused_since_ms > effective_due_ms ELSE @asOfMs > effective_due_ms END))";

    private const string Early = Ended + " AND NOT " + NoDue + " AND supplement_count <= 1 AND ended_ms < early_before_ms";
    private const string OnTime = Ended + " AND (" + NoDue + " OR (supplement_count <= 1 AND ended_ms >= early_before_ms AND ended_ms <= effective_due_ms))";
    private const string Late = Ended + " AND NOT " + NoDue + " AND (supplement_count > 1 OR ended_ms > effective_due_ms)";
    private const string InProgressOverdue = Open + " AND NOT " + NoDue + " AND " + Overdue;
    private const string InProgressOnTime = Open + " AND (" + NoDue + " OR NOT " + Overdue + ")";

    /// <summary>Late or overdue as of @asOfMs, for the late report (any received date).</summary>
    public const string LateOrOverdue = "((" + Late + ") OR (" + InProgressOverdue + "))";

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
            SELECT {key} AS group_key,
                   COUNT(*) AS received,
                   SUM(CASE WHEN {Early} THEN 1 ELSE 0 END) AS resolved_early,
                   SUM(CASE WHEN {OnTime} THEN 1 ELSE 0 END) AS resolved_on_time,
                   SUM(CASE WHEN {Late} THEN 1 ELSE 0 END) AS resolved_late,
                   SUM(CASE WHEN {InProgressOnTime} THEN 1 ELSE 0 END) AS in_progress_on_time,
                   SUM(CASE WHEN {InProgressOverdue} THEN 1 ELSE 0 END) AS in_progress_overdue
            FROM dossiers
            WHERE received_ms >= @fromMs AND received_ms < @asOfMs{agencyFilter}
            GROUP BY {key}
            """;
    }
}
