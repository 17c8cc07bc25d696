using System.Data.Common;
using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Audit;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

/// <summary>
/// The store behind every storage port, on SQLite or PostgreSQL (the <see cref="SqlDialect"/> holds the differences).
/// One partial file per port. Every write runs in one transaction and appends its audit entry in it.
/// </summary>
public sealed partial class HubStore : IDossierStore, IReferenceDataStore, IStatisticsStore, IOutboxStore, IAuditLog
{
    private readonly TimeProvider _time;
    private readonly IWorkingTime _workingTime;
    private readonly GroupCommit<PendingCreate> _intakeCommits;

    static HubStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    internal HubStore(SqlDialect dialect, TimeProvider time, IWorkingTime workingTime)
    {
        Dialect = dialect;
        _time = time;
        _workingTime = workingTime;
        _intakeCommits = new GroupCommit<PendingCreate>(dialect, CreateInTransactionAsync);
    }

    internal SqlDialect Dialect { get; }

    /// <summary>This node's name, recorded on the outbox rows it marks delivered.</summary>
    public string Node { get; init; } = Environment.MachineName;

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider => Dialect.Name;

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction; it commits unless the work throws. A transaction that fails
    /// only because of concurrent ones (a PostgreSQL deadlock victim) is rolled back whole and run again.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await Dialect.OpenAsync(ct);
                await using var tx = await Dialect.BeginWriteAsync(connection, ct);
                var result = await work(connection, tx);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < SqlDialect.WriteAttempts && Dialect.IsTransient(e))
            {
                await SqlDialect.PauseBeforeRetryAsync(attempt, ct);
            }
        }
    }

    /// <summary>The audit chain's last entry: its sequence number and hash.</summary>
    private readonly record struct AuditHead(long Seq, string Hash);

    /// <summary>
    /// Reads the audit chain's head and, on PostgreSQL, locks it to the commit. A write that touches the statistics rows
    /// takes it first and hands it to its append: every audited write takes the head anyway, and taking it before the
    /// per-agency statistics lock gives all writers one lock order. Statistics first and head second deadlocked two
    /// nodes: an intake group holding the head waited for an agency that an event on the other node held while it
    /// waited for the head.
    /// </summary>
    private async Task<AuditHead> LockAuditHeadAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        var (seq, hash) = await c.QuerySingleAsync<(long Seq, string Hash)>(Cmd(
            $"SELECT seq, hash FROM audit_head WHERE id = 1{Dialect.ForUpdate}", null, tx, ct));
        return new AuditHead(seq, hash);
    }

    private static CommandDefinition Cmd(string sql, object? args, DbTransaction? tx, CancellationToken ct)
        => new(sql, args, tx, cancellationToken: ct);

    /// <summary>
    /// Appends one audit entry inside the caller's transaction; the head row queues concurrent writers. A caller that
    /// has locked the head already passes it (<see cref="LockAuditHeadAsync"/>), so it is not read twice.
    /// </summary>
    private async Task<AuditEntry> AppendAuditAsync(DbConnection c, DbTransaction tx, AuditRecord record, string? subject, CancellationToken ct,
        AuditHead? head = null)
        => (await AppendAuditsAsync(c, tx, [(record, subject)], ct, head))[0];

    /// <summary>
    /// Appends entries to the audit chain inside the caller's transaction, in order, reading and moving the head once:
    /// a batch of 50 deliveries costs 52 statements instead of 150.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>> AppendAuditsAsync(DbConnection c, DbTransaction tx,
        IReadOnlyList<(AuditRecord Record, string? Subject)> entries, CancellationToken ct, AuditHead? head = null)
    {
        var written = new List<AuditEntry>(entries.Count);
        if (entries.Count == 0) return written;
        var (seq, prev) = head ?? await LockAuditHeadAsync(c, tx, ct);
        var at = _time.GetUtcNow();
        foreach (var (record, subject) in entries)
        {
            seq++;
            var hash = AuditChain.Hash(seq, at, record.Actor, record.Action, subject, record.Details, prev);
            await c.ExecuteAsync(Cmd(
                "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @Actor, @Action, @subject, @Details, @prev, @hash)",
                new { seq, at = Instants.ToText(at), record.Actor, record.Action, subject, record.Details, prev, hash }, tx, ct));
            written.Add(new AuditEntry(seq, at, record.Actor, record.Action, subject, record.Details, prev, hash));
            prev = hash;
        }
        await c.ExecuteAsync(Cmd("UPDATE audit_head SET seq = @seq, hash = @hash WHERE id = 1", new { seq, hash = prev }, tx, ct));
        return written;
    }
}
