using System.Data.Common;
using Dapper;
using Npgsql;

namespace IntegrationHub.Storage.Sql;

/// <summary>PostgreSQL for several hub nodes sharing one database.</summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";
    public override string ForUpdate => " FOR UPDATE";
    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override bool IsUniqueViolation(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    // A transaction-scoped advisory lock: released by commit or rollback.
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(48482026)", transaction: transaction, cancellationToken: ct));
}
