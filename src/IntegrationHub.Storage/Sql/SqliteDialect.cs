using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sql;

/// <summary>SQLite on a real file: WAL (readers do not block the writer), a busy timeout, foreign keys on.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

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
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken up front.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        => ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override bool IsUniqueViolation(Exception error)
        => error is SqliteException { SqliteErrorCode: 19 } e && (e.SqliteExtendedErrorCode is 2067 or 1555);
}
