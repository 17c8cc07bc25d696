using System.Data.Common;
using Dapper;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// Keeps <c>stats_days</c> (migration 0005) and <c>stats_months</c> (0008) in step with one dossier row, inside the caller's write transaction:
/// <see cref="RemoveAsync"/> before the row changes, <see cref="AddAsync"/> after (which also sets its settle_ms).
/// Each dossier counts once per grouping under its Vietnam received day and its final bucket (see <see cref="FinalBucket"/>).
/// </summary>
internal static class StatsDays
{
    /// <summary>Received in the period but not judged (withdrawn while open, or an end without an outcome).</summary>
    public const int NotJudged = 5;

    /// <summary>The bucket the dossier keeps once settled: as <see cref="StatsSql"/>'s bucket for a period ending after settle_ms.</summary>
    public const string FinalBucket =
        "CASE WHEN ended_ms IS NOT NULL THEN COALESCE(end_outcome, 5) WHEN status = 7 THEN 5 WHEN overdue_from_ms IS NOT NULL THEN 4 ELSE 3 END";

    /// <summary>From this instant on the bucket no longer depends on the period's end (the period's end is a day start, asOf):
    /// ended: ended_ms &lt;= asOf; open and overdue-able: overdue_from_ms &lt; asOf; otherwise at once.</summary>
    public const string SettleMs =
        "CASE WHEN ended_ms IS NOT NULL THEN ended_ms WHEN status = 7 OR overdue_from_ms IS NULL THEN received_ms ELSE overdue_from_ms + 1 END";

    /// <summary>The Vietnam (UTC+7) day number of the receipt: whole days since 1970-01-01 local.</summary>
    public const string Day = "(received_ms + 25200000) / 86400000";

    /// <summary>The calendar month (yyyymm) of a <see cref="Day"/> number, per dialect: stats_months' key (migration 0008).</summary>
    public static string MonthOfDay(bool sqlite, string day) => sqlite
        ? $"CAST(strftime('%Y%m', {day} * 86400, 'unixepoch') AS INTEGER)"
        : $"CAST(to_char(to_timestamp({day} * 86400) AT TIME ZONE 'UTC', 'YYYYMM') AS BIGINT)";

    private static string Cells(string period) => $"""
        SELECT 'agency' AS dim, {period} AS period, agency_code, agency_code AS group_key, {FinalBucket} AS bucket FROM dossiers WHERE code = @code
        UNION ALL SELECT 'procedure', {period}, agency_code, procedure_code, {FinalBucket} FROM dossiers WHERE code = @code
        UNION ALL SELECT 'official', {period}, agency_code, COALESCE(official_name, ''), {FinalBucket} FROM dossiers WHERE code = @code
        """;

    /// <summary>Adds @delta to the dossier's cells in stats_days and stats_months: one command, one round trip.</summary>
    private static string ChangeSql(bool sqlite) => $"""
        INSERT INTO stats_days (dim, day, agency_code, group_key, bucket, n)
        SELECT dim, period, agency_code, group_key, bucket, @delta FROM ({Cells(Day)}) cells WHERE 1 = 1
        ON CONFLICT (dim, day, agency_code, group_key, bucket) DO UPDATE SET n = stats_days.n + excluded.n;
        INSERT INTO stats_months (dim, month, agency_code, group_key, bucket, n)
        SELECT dim, period, agency_code, group_key, bucket, @delta FROM ({Cells(MonthOfDay(sqlite, Day))}) cells WHERE 1 = 1
        ON CONFLICT (dim, month, agency_code, group_key, bucket) DO UPDATE SET n = stats_months.n + excluded.n;
        """;

    private const string UpdateSettle = $"UPDATE dossiers SET settle_ms = {SettleMs} WHERE code = @code;\n";
    /// <summary>
    /// PostgreSQL: a write moves a dossier out of one cell (remove) and into another (add), two commands apart; two writes moving
    /// dossiers of one agency in opposite directions (a supplement request 4 -> 3, a resumption 3 -> 4, same month) locked
    /// the same two stats_months rows in opposite orders and deadlocked (StatsConcurrencyTests, 3 runs out of 3). Every cell a
    /// dossier touches is its agency's, so one lock per agency, taken first, orders them; it is held to the commit, as the cell
    /// rows themselves were. SQLite's single writer already serializes.
    /// </summary>
    private const string LockAgency =
        "SELECT pg_advisory_xact_lock(48482027, hashtext(agency_code)) FROM dossiers WHERE code = @code;\n";

    private static readonly string SqliteChange = ChangeSql(sqlite: true), PostgresChange = LockAgency + ChangeSql(sqlite: false);
    private static readonly string SqliteAdd = UpdateSettle + SqliteChange, PostgresAdd = UpdateSettle + PostgresChange;

    // The month needs a date function, and those differ: the connection says which database this is (the calls keep their
    // signatures, so the dossier and event writes need no dialect).
    private static bool IsSqlite(DbConnection c) => c is Microsoft.Data.Sqlite.SqliteConnection;

    /// <summary>Recomputes settle_ms, stats_days and stats_months from the dossier rows (as migrations 0005 and 0008's backfills):
    /// for bulk loads.</summary>
    public static string Rebuild(bool sqlite) => $"""
        UPDATE dossiers SET settle_ms = {SettleMs};
        DELETE FROM stats_days;
        INSERT INTO stats_days (dim, day, agency_code, group_key, bucket, n)
        SELECT dim, day, agency_code, group_key, bucket, COUNT(*) FROM (
            SELECT 'agency' AS dim, {Day} AS day, agency_code, agency_code AS group_key, {FinalBucket} AS bucket FROM dossiers
            UNION ALL SELECT 'procedure', {Day}, agency_code, procedure_code, {FinalBucket} FROM dossiers
            UNION ALL SELECT 'official', {Day}, agency_code, COALESCE(official_name, ''), {FinalBucket} FROM dossiers
        ) cells
        GROUP BY dim, day, agency_code, group_key, bucket;
        DELETE FROM stats_months;
        INSERT INTO stats_months (dim, month, agency_code, group_key, bucket, n)
        SELECT dim, {MonthOfDay(sqlite, "day")}, agency_code, group_key, bucket, SUM(n)
        FROM stats_days GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) <> 0;
        """;

    public static Task RemoveAsync(DbConnection c, DbTransaction tx, string code, CancellationToken ct)
        => c.ExecuteAsync(new CommandDefinition(IsSqlite(c) ? SqliteChange : PostgresChange, new { code, delta = -1L }, tx, cancellationToken: ct));

    public static Task AddAsync(DbConnection c, DbTransaction tx, string code, CancellationToken ct)
        => c.ExecuteAsync(new CommandDefinition(IsSqlite(c) ? SqliteAdd : PostgresAdd, new { code, delta = 1L }, tx, cancellationToken: ct));
}
