using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// SQLite on a real file: WAL (readers do not block the writer), a busy timeout, foreign keys on, and
/// <c>synchronous=FULL</c>: the WAL is synced at every commit, so a dossier answered 201 survives a power cut, not only a
/// crash of the process. With intake's group commit that is one sync per group; measured at no cost to throughput
/// (benchmarks/intake/README.md).
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    // Native connections whose pragmas are set; weak, so a connection the pool closes drops out.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _prepared = new();
    private static readonly object Prepared = new();

    public SqliteDialect(string connectionString)
    {
        // Pooling keeps connections (and their pragmas) warm; the default timeout is the busy wait.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        _connectionString = builder.ToString();
        var path = builder.DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    public static SqliteDialect ForDataDir(string dataDir)
        => new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "hub.db") }.ToString());

    public override string Name => "sqlite";
    public override string ForUpdate => "";
    public override string ForUpdateSkipLocked => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // A pooled open hands back the same native connection, whose pragmas are still set: running them again on
        // every open was a round trip (journal_mode even touches the file) per store call. Once per physical connection.
        if (!_prepared.TryGetValue(connection.Handle!, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(ct);
            _prepared.AddOrUpdate(connection.Handle!, Prepared);
        }
        return connection;
    }

    // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken up front.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        => ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // A deferred transaction takes no lock up front; in WAL mode its first read fixes the snapshot that every later
    // read in it sees, and writers go on meanwhile.
    public override ValueTask<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct)
        => ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override bool IsUniqueViolation(Exception error)
        => error is SqliteException { SqliteErrorCode: 19 } e && (e.SqliteExtendedErrorCode is 2067 or 1555);
}
