using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using Npgsql;

namespace IntegrationHub.Storage.Benchmarks;

/// <summary>
/// `stats-contention --connection-string CS [--dossiers N] [--writers W]`: is the stats row every intake updates (its agency,
/// today, "in progress") a queue on PostgreSQL? Two store objects (two hub nodes) on a fresh database, W concurrent intakes
/// each, dossiers with one 50 KB document: all for one agency (every intake updates the same stats rows and takes the same
/// per-agency lock), then spread over six agencies (no two neighbours share a stats row). Alternated twice; dossiers/s and p99.
/// If one agency is not slower than six, the stats row is not what intakes wait for (the audit chain's head row is shared by all).
/// </summary>
public static class StatsContention
{
    private static readonly string[] Agencies = ["000.00.25.H47", "000.00.19.H47", "000.00.20.H47", "000.30.20.H47", "000.00.00.H47", "000.00.18.H47"];

    public static async Task<int> RunAsync(string[] args)
    {
        var admin = Arg(args, "--connection-string") ?? throw new ArgumentException("--connection-string is required");
        var count = int.Parse(Arg(args, "--dossiers") ?? "1500", CultureInfo.InvariantCulture);
        var writers = int.Parse(Arg(args, "--writers") ?? "8", CultureInfo.InvariantCulture);
        var database = "hub_contention_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        try
        {
            var options = new StorageOptions(StorageOptions.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
            var nodes = new[]
            {
                await HubStorage.OpenAsync(options, TimeProvider.System, new ElapsedWorkingTime()),
                await HubStorage.OpenAsync(options, TimeProvider.System, new ElapsedWorkingTime()),
            };
            var next = 0;
            foreach (var round in new[] { 1, 6, 1, 6 })
            {
                var (perSecond, p50, p99) = await RunRoundAsync(nodes, round, count, writers, () => Interlocked.Increment(ref next));
                Console.WriteLine($"{(round == 1 ? "one agency" : "six agencies"),-13} {2 * writers} writers  {perSecond,7:F0} dossiers/s  p50 {p50,6:F1} ms  p99 {p99,6:F1} ms");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        return 0;
    }

    private static async Task<(double PerSecond, double P50, double P99)> RunRoundAsync(HubStore[] nodes, int agencies, int count, int writers, Func<int> next)
    {
        var latencies = new List<double>();
        var left = count;
        var content = new byte[50 * 1024];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2 * writers).Select(w => Task.Run(async () =>
        {
            var store = nodes[w % 2];
            var mine = new List<double>();
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var i = next();
                var agency = Agencies[i % agencies];
                var received = TimeProvider.System.GetUtcNow();
                var document = (byte[])content.Clone();
                BitConverter.TryWriteBytes(document, i); // one blob per dossier, as real uploads are
                var dossier = new NewDossier(DossierCode.Format(agency, DateOnly.FromDateTime(received.UtcDateTime), i % 10000 + 1) + "-" + i.ToString(CultureInfo.InvariantCulture),
                    "1.001612", agency, received, SubmissionChannel.Online, new Applicant("Nguyễn Văn A", null, null, null), received.AddDays(5),
                    "planning-investment",
                    [new DocumentUpload("don.pdf", "application/pdf", document, null, """{"indication":"TOTAL_PASSED"}""", false)]);
                var started = Stopwatch.GetTimestamp();
                var result = await store.TryCreateAsync(dossier, null, new AuditRecord("portal", "dossier.created"));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (result.Outcome != CreateOutcome.Created) throw new InvalidOperationException($"{dossier.Code}: {result.Outcome}");
            }
            lock (latencies) latencies.AddRange(mine);
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        return (count / seconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class ElapsedWorkingTime : IWorkingTime
    {
        public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, Core.DueDates.OfficeHours hours) => to - from;
        public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, Core.DueDates.OfficeHours hours) => from + workingTime;
    }
}
