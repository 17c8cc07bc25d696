using System.Data.Common;

namespace IntegrationHub.Storage.Sql;

/// <summary>What differs between SQLite and PostgreSQL; the SQL itself is shared wherever both accept it.</summary>
internal abstract class SqlDialect
{
    /// <summary>"sqlite" or "postgres": also the folder of the migration scripts.</summary>
    public abstract string Name { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Row lock suffix for a SELECT inside a write transaction; SQLite's writer lock already serializes.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Suffix that lets several nodes claim outbox rows without waiting on each other.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    public abstract bool IsUniqueViolation(Exception error);

    /// <summary>
    /// An error that aborted the transaction only because of concurrent ones (a deadlock victim, a serialization
    /// failure): the same work run again in a new transaction is expected to succeed.
    /// </summary>
    public virtual bool IsTransient(Exception error) => false;

    /// <summary>Write attempts for a transaction that fails transiently (see <see cref="IsTransient"/>).</summary>
    public const int WriteAttempts = 4;

    /// <summary>
    /// A short jittered pause before running a transient failure again, growing with the attempt. Not time logic: it
    /// uses the system timer, so the tests' fake clocks do not hold it.
    /// </summary>
    public static Task PauseBeforeRetryAsync(int attempt, CancellationToken ct)
        => Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct);

    /// <summary>Serializes migration runs across processes (several hub nodes starting together).</summary>
    public virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Starts a write transaction that will not deadlock on a read-to-write upgrade.</summary>
    public virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        => connection.BeginTransactionAsync(ct);

    /// <summary>
    /// Starts a read transaction whose every query sees one snapshot (PostgreSQL: REPEATABLE READ), so reads that
    /// belong together (the audit log and its head) cannot straddle a concurrent commit.
    /// </summary>
    public virtual ValueTask<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct)
        => connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
}
