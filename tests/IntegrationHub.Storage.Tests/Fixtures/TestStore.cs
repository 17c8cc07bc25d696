using Dapper;
using IntegrationHub.Storage.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.Tests.Fixtures;

/// <summary>A fresh store on an empty database of the given provider: a temp SQLite file, or a new PostgreSQL database.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(string provider, StorageOptions options)
    {
        Provider = provider;
        Options = options;
    }

    public string Provider { get; }
    public StorageOptions Options { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    public HubStore Store { get; private set; } = null!;

    /// <summary>Opens (migrates and seeds) a new store; <paramref name="migrate"/> false leaves the database empty.</summary>
    public static async Task<TestStore> CreateAsync(string provider, bool migrate = true)
    {
        var options = provider == StorageOptions.Sqlite
            ? new StorageOptions(StorageOptions.Sqlite, null, Directory.CreateTempSubdirectory("hub-store-test-").FullName)
            : new StorageOptions(StorageOptions.Postgres, PostgresServer.CreateDatabase(migrated: migrate));
        var t = new TestStore(provider, options);
        // A PostgreSQL database copied from the migrated template needs no migration; MigrationTests cover that path.
        t.Store = migrate && provider == StorageOptions.Sqlite
            ? await HubStorage.OpenAsync(options, t.Time, new ElapsedWorkingTime())
            : HubStorage.Create(options, t.Time, new ElapsedWorkingTime());
        return t;
    }

    /// <summary>Another store object on the same database (as a second hub node or a restarted process would be).</summary>
    public Task<HubStore> ReopenAsync() => HubStorage.OpenAsync(Options, Time, new ElapsedWorkingTime());

    public Task<int> MigrateToAsync(int version) => Migrator.MigrateAsync(Store.Dialect, Time, version);

    public async Task<long> CountAsync(string table, string where = "1 = 1", object? args = null)
    {
        await using var c = await Store.Dialect.OpenAsync(default);
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}", args);
    }

    public async Task<int> ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Store.Dialect.OpenAsync(default);
        return await c.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == StorageOptions.Postgres) PostgresServer.DropDatabase(Options.ConnectionString!);
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(Options.DataDir, true); } catch (IOException) { /* a file still open: temp folder */ }
        }
    }
}
