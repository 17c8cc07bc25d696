using System.Diagnostics;
using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;

namespace IntegrationHub.Benchmarks.Delivery;

/// <summary>
/// The admin's first page of dead letters with --rows of them (SQLite): the store's query (only the given filters,
/// 0004 indexes) against the former catch-all WHERE "(@x IS NULL OR column = @x)" on the same database.
/// </summary>
public static class DeadLetterQuery
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(DeliveryLoad.Arg(args, "--rows", "100000"));
        var dir = Directory.CreateTempSubdirectory("hub-dead-letters-").FullName;
        var store = await HubStorage.OpenAsync(new StorageOptions(DataDir: dir), TimeProvider.System, new DeliveryLoad.ElapsedWorkingTime());
        await using (var c = await store.Dialect.OpenAsync(default))
        {
            await using var tx = await c.BeginTransactionAsync();
            string[] systems = ["planning-investment", "justice", "trade", "national-portal"];
            string[] classes = ["transient", "validation", "authentication", "not-found"];
            var now = TimeProvider.System.GetUtcNow().ToString("O");
            // 10% delivered, the rest dead: the admin's worst case.
            for (var i = 0; i < rows + rows / 10; i++)
                await c.ExecuteAsync(
                    "INSERT INTO outbox (dossier_code, vertical_system, message_id, payload, state, attempts, next_attempt_at, next_attempt_ms, last_error, error_class, created_at, updated_at) " +
                    "VALUES (@code, @system, @id, '{}', @state, 12, @now, 0, 'SYS-001: down', @cls, @now, @now)",
                    new { code = $"000.00.25.H47-261130-{i:D6}", system = systems[i % 4], id = $"m{i}", state = i < rows ? "dead" : "delivered", cls = classes[i % 4], now }, tx);
            await tx.CommitAsync();
        }
        Console.WriteLine($"{rows} dead letters (+{rows / 10} delivered) in {dir}");

        await Time("store: state=dead, first page", () => store.ListDeliveriesAsync(new DeliveryQuery(State: DeliveryState.Dead)));
        await Time("store: state=dead&system=justice, page 20", () => store.ListDeliveriesAsync(new DeliveryQuery(State: DeliveryState.Dead, VerticalSystem: "justice", Offset: 950)));
        await Time("store: errorClass=validation, first page", () => store.ListDeliveriesAsync(new DeliveryQuery(ErrorClass: "validation")));
        const string catchAll = "WHERE (@state IS NULL OR state = @state) AND (@system IS NULL OR vertical_system = @system) " +
                                "AND (@dossier IS NULL OR dossier_code = @dossier) AND (@errorClass IS NULL OR error_class = @errorClass)";
        await Time("former catch-all WHERE: state=dead, first page", async () =>
        {
            await using var c = await store.Dialect.OpenAsync(default);
            var a = new { state = "dead", system = (string?)null, dossier = (string?)null, errorClass = (string?)null };
            await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM outbox {catchAll}", a);
            return (await c.QueryAsync($"SELECT * FROM outbox {catchAll} ORDER BY id DESC LIMIT 50", a)).Count();
        });
        await Time("store: state=dead, page only (no count)", async () =>
        {
            await using var c = await store.Dialect.OpenAsync(default);
            return (await c.QueryAsync("SELECT * FROM outbox WHERE state = 'dead' ORDER BY id DESC LIMIT 50")).Count();
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return 0;
    }

    private static async Task Time<T>(string name, Func<Task<T>> query)
    {
        await query(); // warm up
        var runs = 20;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++) await query();
        Console.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds / runs:F2} ms");
    }
}
