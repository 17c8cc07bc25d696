using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Migrations;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class MigrationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_version_1_database_is_upgraded_in_place_and_keeps_its_data(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider, migrate: false);
        Assert.Equal(1, await t.MigrateToAsync(1));
        // A dossier written by version 1: no statistics columns yet.
        await t.ExecuteAsync("""
            INSERT INTO dossiers (code, procedure_code, agency_code, received_at, received_ms, channel, applicant, status, due_at, original_due_at,
                effective_due_at, effective_due_ms, vertical_system, submission_hash, created_at, updated_at)
            VALUES ('000.00.25.H47-251001-0001', '1.001612', '000.00.25.H47', '2025-10-01T09:00:00.0000000+07:00', 1759284000000, 'online',
                '{"name":"Võ Thị Lan","idNumber":null,"phone":null,"email":null}', 5, '2025-10-06T09:00:00.0000000+07:00',
                '2025-10-06T09:00:00.0000000+07:00', '2025-10-06T09:00:00.0000000+07:00', 1759716000000, 'planning-investment', 'h', 'x', 'x')
            """);
        await t.ExecuteAsync("""
            INSERT INTO status_events (dossier_code, seq, event_id, status, at, at_ms, official_name, official_title, official_unit, recorded_at)
            VALUES ('000.00.25.H47-251001-0001', 1, 'E1', 5, '2025-10-02T09:00:00.0000000+07:00', 1759370400000, 'Lê Văn An', 'Chuyên viên', 'Phòng ĐKKD', '2025-10-02T09:00:00.0000000+07:00')
            """);

        var upgraded = await t.ReopenAsync();

        Assert.Equal(Migrator.LatestVersion(provider), await Migrator.CurrentVersionAsync(upgraded.Dialect));
        Assert.True(Migrator.LatestVersion(provider) >= 2);
        var d = await upgraded.GetAsync("000.00.25.H47-251001-0001");
        Assert.Equal("Võ Thị Lan", d!.Applicant.Name);
        Assert.Equal(1, d.Times.SupplementCount); // backfilled from the events
        Assert.Equal(DossierStatus.SupplementRequested, d.Status);
        Assert.Equal(1, await t.CountAsync("dossiers", "official_name = 'Lê Văn An' AND early_before_ms = 1759708800000"));
        var stats = await upgraded.GetStatsAsync(new StatsQuery(new(2025, 10, 1), new(2025, 10, 31), null, StatsGroupBy.Official));
        Assert.Equal("Lê Văn An", Assert.Single(stats).Key);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrating_again_changes_nothing(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await t.Store.TryCreateAsync(Samples.Dossier("000.00.25.H47-261128-0001"), null, Samples.Portal);

        await t.ReopenAsync();
        await t.ReopenAsync();

        Assert.Equal(Migrator.Scripts(provider).Count, await t.CountAsync("schema_versions"));
        Assert.Equal(1, await t.CountAsync("dossiers"));
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }

    [Fact]
    public void Both_providers_have_the_same_numbered_scripts()
    {
        var sqlite = Migrator.Scripts("sqlite").Select(m => (m.Version, m.Description));
        var postgres = Migrator.Scripts("postgres").Select(m => (m.Version, m.Description));

        Assert.Equal(sqlite, postgres);
        // Numbers are unique and ascending; a gap is allowed while branches that took the numbers between are merged.
        Assert.Equal(sqlite.Select(m => m.Version).Distinct().Order(), sqlite.Select(m => m.Version));
        Assert.Equal(1, sqlite.First().Version);
    }

    [RequiresPostgresFact]
    public async Task Nodes_starting_together_on_an_empty_PostgreSQL_database_all_open_it()
    {
        await using var t = await TestStore.CreateAsync(StorageOptions.Postgres, migrate: false);
        // Four nodes at once: CREATE TABLE IF NOT EXISTS schema_versions outside the migration lock failed one of
        // them on a duplicate catalogue row now and then.
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => t.ReopenAsync())));

        Assert.All(stores, s => Assert.Equal(Migrator.LatestVersion(StorageOptions.Postgres), Migrator.CurrentVersionAsync(s.Dialect).GetAwaiter().GetResult()));
        Assert.Equal(Migrator.LatestVersion(StorageOptions.Postgres), await t.CountAsync("schema_versions"));
        Assert.NotEmpty(await stores[0].GetAgenciesAsync(new DateOnly(2026, 11, 28)));
    }
}
