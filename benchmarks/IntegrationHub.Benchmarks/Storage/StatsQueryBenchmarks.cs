using BenchmarkDotNet.Attributes;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Benchmarks;

/// <summary>
/// The statistics query over a store seeded by `stats-seed` (see benchmarks/stats/run.sh). Set HUB_BENCH_SQLITE_DIR
/// and/or HUB_BENCH_POSTGRES to the seeded stores. Target: ≤ 100 ms over 1,000,000 dossiers.
/// </summary>
[MemoryDiagnoser]
public class StatsQueryBenchmarks
{
    private HubStore? _store;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [ParamsSource(nameof(QueryNames))]
    public string Query { get; set; } = "";

    public static IEnumerable<string> QueryNames => StatsSeeder.Queries().Select(q => q.Name);

    [GlobalSetup]
    public void Setup()
    {
        var sqlite = Environment.GetEnvironmentVariable("HUB_BENCH_SQLITE_DIR");
        var postgres = Environment.GetEnvironmentVariable("HUB_BENCH_POSTGRES");
        StorageOptions? options = Provider == "sqlite"
            ? sqlite is null ? null : new StorageOptions(StorageOptions.Sqlite, null, sqlite)
            : postgres is null ? null : new StorageOptions(StorageOptions.Postgres, postgres);
        if (options is not null) _store = HubStorage.Create(options, TimeProvider.System);
    }

    [Benchmark]
    public async Task<long> Stats()
    {
        if (_store is null) return 0; // provider not configured: nothing to measure
        var query = StatsSeeder.Queries().First(q => q.Name == Query).Query;
        return (await _store.GetStatsAsync(query)).Sum(g => g.Received);
    }
}
