using System.Data.Common;
using Dapper;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// Keeps <c>stats_days</c> (migration 0005) in step with one dossier row, inside the caller's write transaction:
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

    private static readonly string Change = $"""
        INSERT INTO stats_days (dim, day, agency_code, group_key, bucket, n)
        SELECT 'agency', {Day}, agency_code, agency_code, {FinalBucket}, @delta FROM dossiers WHERE code = @code
        UNION ALL SELECT 'procedure', {Day}, agency_code, procedure_code, {FinalBucket}, @delta FROM dossiers WHERE code = @code
        UNION ALL SELECT 'official', {Day}, agency_code, COALESCE(official_name, ''), {FinalBucket}, @delta FROM dossiers WHERE code = @code
        ON CONFLICT (dim, day, agency_code, group_key, bucket) DO UPDATE SET n = stats_days.n + excluded.n
        """;

    /// <summary>Recomputes settle_ms and stats_days from the dossier rows (as migration 0005's backfill): for bulk loads.</summary>
    public static readonly string Rebuild = $"""
        UPDATE dossiers SET settle_ms = {SettleMs};
        DELETE FROM stats_days;
        INSERT INTO stats_days (dim, day, agency_code, group_key, bucket, n)
        SELECT dim, day, agency_code, group_key, bucket, COUNT(*) FROM (
            SELECT 'agency' AS dim, {Day} AS day, agency_code, agency_code AS group_key, {FinalBucket} AS bucket FROM dossiers
            UNION ALL SELECT 'procedure', {Day}, agency_code, procedure_code, {FinalBucket} FROM dossiers
            UNION ALL SELECT 'official', {Day}, agency_code, COALESCE(official_name, ''), {FinalBucket} FROM dossiers
        ) cells
        GROUP BY dim, day, agency_code, group_key, bucket;
        """;

    public static Task RemoveAsync(DbConnection c, DbTransaction tx, string code, CancellationToken ct)
        => c.ExecuteAsync(new CommandDefinition(Change, new { code, delta = -1L }, tx, cancellationToken: ct));

    public static async Task AddAsync(DbConnection c, DbTransaction tx, string code, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition($"UPDATE dossiers SET settle_ms = {SettleMs} WHERE code = @code", new { code }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(Change, new { code, delta = 1L }, tx, cancellationToken: ct));
    }
}
