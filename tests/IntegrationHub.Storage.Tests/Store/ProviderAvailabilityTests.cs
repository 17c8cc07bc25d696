using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class ProviderAvailabilityTests
{
    /// <summary>When this is skipped, the store theories ran on SQLite only; the skip message says why.</summary>
    [RequiresPostgresFact]
    public async Task The_store_suite_also_runs_on_PostgreSQL()
    {
        await using var t = await TestStore.CreateAsync(StorageOptions.Postgres);
        Assert.Equal("postgres", t.Store.Provider);
        Assert.Contains(Providers.All.Cast<object[]>(), row => (string)row[0] == StorageOptions.Postgres);
    }
}
