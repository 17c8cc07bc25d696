using System.Collections.Concurrent;
using System.Text.Json;
using IntegrationHub.Simulators;
using Npgsql;
using Xunit.Abstractions;

namespace IntegrationHub.Tests.Processes;

/// <summary>
/// Two real `hub serve` processes on one PostgreSQL (store and Hangfire) share the deliveries: 240 dossiers come in
/// through both nodes, to three ministries and the national portal; each delivery is made once (by idempotency key,
/// and by outbox row: delivered_by names one node), both nodes make deliveries, and the two outbox dispatchers never
/// hand the same row to two jobs. Then the same with one node killed (SIGKILL) mid-delivery: the other finishes
/// everything. The simulated ministries run in this test process, so both nodes call the same ones and what they
/// received outlives a killed node.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private static readonly (string System, string Procedure, string Agency)[] Routes =
    [
        (SimulatedSystems.PlanningInvestment, "2.002045", "000.00.25.H47"),
        (SimulatedSystems.Trade, "2.000131", "000.00.19.H47"),
        (SimulatedSystems.Justice, "1.001193", "000.30.20.H47"),
    ];

    [RequiresPostgresFact]
    public async Task Two_nodes_share_the_deliveries_and_each_is_made_once()
    {
        var started = TimeProvider.System.GetTimestamp();
        // A lease far longer than the run: a row handed out twice here would be a claiming bug, not an expired lease.
        await using var cluster = await Cluster.StartAsync(lease: "00:01:00", latency: TimeSpan.Zero);
        var up = TimeProvider.System.GetElapsedTime(started);
        var accepted = await cluster.SubmitAsync(240, (_, i) => cluster.Nodes[i % 2]);
        var submitted = TimeProvider.System.GetElapsedTime(started);
        await cluster.WaitUntilAllDeliveredAsync(accepted);

        var rows = await cluster.DeliveredRowsAsync();
        var jobsPerRow = await cluster.JobsPerOutboxRowAsync();
        var byNode = rows.GroupBy(r => r.DeliveredBy ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{accepted.Count} dossiers, {rows.Count} deliveries by node: {Describe(byNode)}; " +
            $"ministry duplicates {cluster.Duplicates()}; rows in more than one job {jobsPerRow.Count(j => j.Value > 1)}; " +
            $"both up {up.TotalSeconds:F1} s, all submitted {submitted.TotalSeconds:F1} s, all delivered {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s; {cluster.Uptime()}");

        cluster.AssertEachDossierReachedItsSystemsOnceByKey(accepted);
        Assert.Equal(0, cluster.Duplicates());
        Assert.Equal(2 * accepted.Count, rows.Count);   // the ministry's row and the national portal's, per dossier
        Assert.All(rows, r => Assert.Contains(r.DeliveredBy, new[] { "node-a", "node-b" }));
        Assert.True(byNode.GetValueOrDefault("node-a") > 0 && byNode.GetValueOrDefault("node-b") > 0, $"one node did all the work: {Describe(byNode)}");
        // The dispatchers of both nodes claim from one outbox: every ministry row went into exactly one Hangfire job, and
        // no row into two. (A national-portal row is written leased to the job that delivered its ministry row and
        // goes out in that job: it is in no job's arguments.)
        Assert.All(rows, r => Assert.InRange(jobsPerRow.GetValueOrDefault(r.Id), r.System == "national-portal" ? 0 : 1, 1));
        // Nothing went wrong on the way: no deadlock, no failed job or request, no half-made Hangfire schema at start.
        Assert.All(cluster.Nodes, n => Assert.Empty(n.ErrorLines));
    }

    [RequiresPostgresFact]
    public async Task When_one_node_is_killed_mid_delivery_the_other_finishes_everything()
    {
        var started = TimeProvider.System.GetTimestamp();
        // A short lease, so rows the killed node held come back within seconds; the ministries answer slowly enough
        // that the node dies with calls in flight.
        await using var cluster = await Cluster.StartAsync(lease: "00:00:03", latency: TimeSpan.FromMilliseconds(30));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var killedAfter = -1L;
        var kill = Task.Run(async () =>
        {
            // Once node b has delivered some and there is more to deliver: kill -9.
            await WaitUntilAsync(async () => await cluster.DeliveredByAsync("node-b") >= 10 && await cluster.UndeliveredAsync() > 0,
                TimeSpan.FromSeconds(60), () => "node b never delivered 10 while there was more to deliver");
            b.Kill();
            await Task.Delay(500);   // a COMMIT node b sent just before it died may still be applied by the server
            killedAfter = await cluster.DeliveredByAsync("node-b");
        });
        // A client that fails over: a dossier sent to the dead node goes to the other (200 if b had committed it).
        var accepted = await cluster.SubmitAsync(240, (_, i) => i % 2 == 0 || !b.IsRunning ? a : b, fallback: a);
        await kill;
        await cluster.WaitUntilAllDeliveredAsync(accepted);

        var rows = await cluster.DeliveredRowsAsync();
        var byNode = rows.GroupBy(r => r.DeliveredBy ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        var jobsPerRow = await cluster.JobsPerOutboxRowAsync();
        output.WriteLine($"{accepted.Count} dossiers, {rows.Count} deliveries by node: {Describe(byNode)} (node-b killed after {killedAfter}); " +
            $"ministry duplicates {cluster.Duplicates()}; rows in more than one job {jobsPerRow.Count(j => j.Value > 1)}; " +
            $"{TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s; {cluster.Uptime()}");

        // At least once: everything accepted arrived, each dossier under its one key per system; a call the killed
        // node made without recording it is sent again by node a and dropped by the ministry as a repeated key.
        cluster.AssertEachDossierReachedItsSystemsOnceByKey(accepted);
        Assert.Equal(2 * accepted.Count, rows.Count);
        Assert.Equal(killedAfter, byNode.GetValueOrDefault("node-b"));   // a dead node records nothing more
        Assert.True(byNode.GetValueOrDefault("node-a") > 0);
        Assert.Equal(rows.Count, byNode.GetValueOrDefault("node-a") + byNode.GetValueOrDefault("node-b"));
        // Taking over the dead node's rows (same rows in two jobs, marked twice) went without a deadlock or failed job.
        Assert.Empty(a.ErrorLines);
    }

    private static string Describe(Dictionary<string, int> byNode) => string.Join(", ", byNode.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan guard, Func<string> describe)
    {
        var deadline = TimeProvider.System.GetUtcNow() + guard;   // a guard against hanging, not a timing assertion
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline) throw new TimeoutException(describe());
            await Task.Delay(100);
        }
    }

    private sealed record DeliveredRow(long Id, string System, string MessageId, string? DeliveredBy);

    /// <summary>A fresh PostgreSQL database, the simulators, and two hub processes named node-a and node-b on it.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly string _adminConnection;
        private readonly SimulatorHost _simulators;

        private Cluster(string adminConnection, string connection, SimulatorHost simulators, HubProcess[] nodes)
        {
            _adminConnection = adminConnection;
            Connection = connection;
            _simulators = simulators;
            Nodes = nodes;
        }

        public string Connection { get; }
        public HubProcess[] Nodes { get; }

        public static async Task<Cluster> StartAsync(string lease, TimeSpan latency)
        {
            var admin = Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES")!;
            var database = "hub_twonode_" + Guid.NewGuid().ToString("N")[..12];
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true }.ToString();
            var options = new SimulatorOptions { TickInterval = TimeSpan.Zero, RandomSeed = 7 };
            foreach (var system in SimulatedSystems.All) options.Faults[system] = new() { Latency = latency };
            var simulators = await SimulatorHost.StartAsync(options);
            var nodes = new[] { "node-a", "node-b" }.Select(name => HubProcess.OnSharedSimulators(simulators, options,
                "--Storage:Provider=postgres", $"--Storage:ConnectionString={connection}", $"--Hub:NodeName={name}",
                $"--Delivery:Lease={lease}")).ToArray();
            var cluster = new Cluster(admin, connection, simulators, nodes);
            try
            {
                // Both at once, as two nodes of a fresh deployment would: each migrates the store and prepares Hangfire's schema.
                await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
            return cluster;
        }

        /// <summary>Submits <paramref name="count"/> dossiers, 8 at a time, routed in turn to each system; the codes accepted, with their system.</summary>
        public async Task<IReadOnlyList<(string Code, string System)>> SubmitAsync(int count, Func<string, int, HubProcess> node, HubProcess? fallback = null)
        {
            var accepted = new ConcurrentBag<(string, string)>();
            var refused = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var (system, procedure, agency) = Routes[i % Routes.Length];
                var code = Submissions.NextCode(agency);
                var body = Submissions.Valid(code, procedure, agency);
                // The processes run on the real clock: received a minute ago.
                body["receivedAt"] = TimeProvider.System.GetUtcNow().AddMinutes(-1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
                var target = node(code, i);
                HttpResponseMessage response;
                try
                {
                    using var http = target.Client(HubProcess.PortalKey);
                    response = await http.Submit(body);
                }
                catch (Exception e) when (fallback is not null && e is HttpRequestException or TaskCanceledException)
                {
                    using var http = fallback.Client(HubProcess.PortalKey);
                    response = await http.Submit(body);
                }
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) accepted.Add((code, system));
                else refused.Add($"{code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            });
            Assert.True(refused.IsEmpty, "refused: " + string.Join("\n", refused.Take(5)));
            return accepted.ToList();
        }

        private Simulators.Recording.Ledger Ledger(string system) => _simulators.Runtime[system].Ledger;

        public long Duplicates() => SimulatedSystems.All.Sum(s => Ledger(s).Duplicates);

        /// <summary>Waits (a guard of 45 s) until every dossier is at its ministry and the national portal and the outbox has nothing left to send.</summary>
        public async Task WaitUntilAllDeliveredAsync(IReadOnlyList<(string Code, string System)> accepted)
        {
            var national = Ledger(SimulatedSystems.NationalPortal);
            await WaitUntilAsync(async () =>
                    accepted.All(d => Ledger(d.System).Contains($"{d.Code}:submit") && national.Contains($"{d.Code}:np-dossier-0"))
                    && await UndeliveredAsync() == 0,
                TimeSpan.FromSeconds(45),
                () => $"not all delivered: {string.Join(", ", SimulatedSystems.All.Select(s => $"{s} {Ledger(s).Count}"))}; " +
                      $"undelivered {UndeliveredAsync().GetAwaiter().GetResult()}; node a printed:\n{Nodes[0].OutputTail()}\nnode b printed:\n{Nodes[1].OutputTail()}");
        }

        /// <summary>Each dossier reached its ministry and the national portal under its one key each, and nothing else arrived.</summary>
        public void AssertEachDossierReachedItsSystemsOnceByKey(IReadOnlyList<(string Code, string System)> accepted)
        {
            foreach (var system in Routes.Select(r => r.System))
            {
                var mine = accepted.Where(d => d.System == system).Select(d => $"{d.Code}:submit").Order().ToList();
                Assert.Equal(mine, Ledger(system).Messages.Select(m => m.IdempotencyKey).Order().ToList());
            }
            var national = Ledger(SimulatedSystems.NationalPortal).Messages.Select(m => m.IdempotencyKey).Order().ToList();
            Assert.Equal(accepted.Select(d => $"{d.Code}:np-dossier-0").Order().ToList(), national);
        }

        public async Task<long> UndeliveredAsync() =>
            await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE state <> 'delivered'");

        public async Task<long> DeliveredByAsync(string node) =>
            await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE delivered_by = @node", ("node", node));

        /// <summary>The delivered rows as the admin API lists them (with deliveredBy), every page.</summary>
        public async Task<List<DeliveredRow>> DeliveredRowsAsync()
        {
            using var http = Nodes[0].IsRunning ? Nodes[0].Client(HubProcess.AdminKey) : Nodes[1].Client(HubProcess.AdminKey);
            var rows = new List<DeliveredRow>();
            for (var page = 1; ; page++)
            {
                var response = await http.GetAsync($"/api/v1/admin/deliveries?state=delivered&pageSize=500&page={page}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var json = await response.Json();
                foreach (var item in json.GetProperty("items").EnumerateArray())
                    rows.Add(new DeliveredRow(item.GetProperty("id").GetInt64(), item.GetProperty("system").GetString()!,
                        item.GetProperty("messageId").GetString()!, item.GetProperty("deliveredBy").GetString()));
                if (rows.Count >= json.GetProperty("total").GetInt64()) return rows;
            }
        }

        /// <summary>How many Hangfire delivery jobs each outbox row was handed to (Hangfire's job table, shared by both nodes).</summary>
        public async Task<Dictionary<long, int>> JobsPerOutboxRowAsync()
        {
            var counts = new Dictionary<long, int>();
            await using var c = new NpgsqlConnection(Connection);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT arguments::text FROM hangfire.job WHERE invocationdata::text LIKE '%DeliveryJob%'", c);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // Arguments are JSON: ["[1,2,3]", null] for a batch, ["5", null] for one row.
                var first = JsonDocument.Parse(reader.GetString(0)).RootElement[0].GetString()!;
                var ids = JsonDocument.Parse(first).RootElement;
                foreach (var id in ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(e => e.GetInt64()) : [ids.GetInt64()])
                    counts[id] = counts.GetValueOrDefault(id) + 1;
            }
            return counts;
        }

        public string Uptime() => File.Exists("/proc/loadavg") ? "load " + File.ReadAllText("/proc/loadavg").Trim() : "";

        private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] args)
        {
            await using var c = new NpgsqlConnection(Connection);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in Nodes) await node.DisposeAsync();
            await _simulators.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(_adminConnection);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(Connection).Database} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
