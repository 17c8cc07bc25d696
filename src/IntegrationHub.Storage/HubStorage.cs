using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Migrations;
using IntegrationHub.Storage.Seed;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

/// <summary>
/// Opens the store: migrates the schema in place, loads the procedure/agency seed (upsert), and returns one
/// object implementing every storage port. Register it as a singleton for each port interface.
/// </summary>
public static class HubStorage
{
    public static async Task<HubStore> OpenAsync(StorageOptions options, TimeProvider time, IWorkingTime workingTime, bool loadSeed = true, CancellationToken ct = default)
    {
        var store = Create(options, time, workingTime);
        await Migrator.MigrateAsync(store.Dialect, time, ct: ct);
        if (loadSeed) await SeedLoader.LoadAsync(store, SeedLoader.ReadEmbedded(), ct);
        return store;
    }

    /// <summary>
    /// The store without migrating, for tools that must not change the database (audit verify). Without
    /// <paramref name="workingTime"/> it cannot fold supplement pauses, so events are refused.
    /// </summary>
    public static HubStore Create(StorageOptions options, TimeProvider time, IWorkingTime? workingTime = null)
        => new(CreateDialect(options), time, workingTime ?? new NoWorkingTime()) { Node = string.IsNullOrWhiteSpace(options.Node) ? Environment.MachineName : options.Node };

    private sealed class NoWorkingTime : IWorkingTime
    {
        public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, Core.DueDates.OfficeHours hours) => throw new NotSupportedException("this store was opened without a working calendar");
        public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, Core.DueDates.OfficeHours hours) => throw new NotSupportedException("this store was opened without a working calendar");
    }

    internal static SqlDialect CreateDialect(StorageOptions options) => options.Provider.ToLowerInvariant() switch
    {
        StorageOptions.Sqlite => string.IsNullOrWhiteSpace(options.ConnectionString)
            ? SqliteDialect.ForDataDir(options.DataDir)
            : new SqliteDialect(options.ConnectionString),
        StorageOptions.Postgres or "postgresql" => new PostgresDialect(options.ConnectionString
            ?? throw new ArgumentException("Storage:ConnectionString is required for the postgres provider")),
        _ => throw new ArgumentException($"Storage:Provider '{options.Provider}' is not 'sqlite' or 'postgres'"),
    };
}
