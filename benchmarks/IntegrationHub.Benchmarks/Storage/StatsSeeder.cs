using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Storage.Benchmarks;

/// <summary>
/// `stats-seed --provider sqlite|postgres [--data DIR] [--connection-string CS] [--count N]`: fills a store with N
/// synthetic dossiers spread over 2025–2026 (bulk insert of the same rows the store writes, precomputed columns
/// included), then times the statistics queries and prints the median and worst of 20 runs each.
/// </summary>
public static class StatsSeeder
{
    private static readonly string[] Agencies = ["000.00.25.H47", "000.00.19.H47", "000.00.20.H47", "000.30.20.H47", "000.00.00.H47", "000.00.18.H47"];
    private static readonly string[] Procedures = ["1.001612", "2.001610", "1.005378", "2.002045", "2.000633", "2.000591", "2.000131",
        "1.000166", "2.000488", "1.001193", "1.000894", "1.004884", "2.000815"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Arg(args, "--provider", "sqlite") == "postgres"
            ? new StorageOptions(StorageOptions.Postgres, Arg(args, "--connection-string", null))
            : new StorageOptions(StorageOptions.Sqlite, null, Arg(args, "--data", "./bench-data")!);
        var count = int.Parse(Arg(args, "--count", "1000000")!, CultureInfo.InvariantCulture);
        var opening = Stopwatch.StartNew();
        var store = await HubStorage.OpenAsync(options, TimeProvider.System, new ElapsedWorkingTime());
        Console.WriteLine($"opened (and migrated) in {opening.Elapsed.TotalSeconds:F1} s");
        var existing = await store.GetStatsAsync(new StatsQuery(new(2000, 1, 1), new(2100, 1, 1), null, StatsGroupBy.Agency));
        var have = existing.Sum(g => g.Received);
        var watch = Stopwatch.StartNew();
        if (have < count)
        {
            if (store.Provider == StorageOptions.Sqlite) await SeedSqliteAsync(store, (int)have, count);
            else await SeedPostgresAsync(options.ConnectionString!, (int)have, count);
            Console.WriteLine($"seeded {count - have} dossiers in {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            await RebuildDailyCountsAsync(store);
            Console.WriteLine($"rebuilt stats_days and stats_months in {watch.Elapsed.TotalSeconds:F1} s");
        }
        await AnalyzeAsync(store);
        foreach (var (name, query) in Queries())
            Console.WriteLine($"{store.Provider,-8} {name,-40} {await TimeAsync(store, query)}");
        return 0;
    }

    public static IEnumerable<(string Name, StatsQuery Query)> Queries() =>
    [
        ("one month, by agency", new StatsQuery(new(2026, 10, 1), new(2026, 10, 31), null, StatsGroupBy.Agency)),
        ("one month, one agency, by procedure", new StatsQuery(new(2026, 10, 1), new(2026, 10, 31), "000.00.25.H47", StatsGroupBy.Procedure)),
        ("one month, by official", new StatsQuery(new(2026, 10, 1), new(2026, 10, 31), null, StatsGroupBy.Official)),
        ("one quarter, by agency", new StatsQuery(new(2026, 7, 1), new(2026, 9, 30), null, StatsGroupBy.Agency)),
        ("one year, by agency", new StatsQuery(new(2026, 1, 1), new(2026, 12, 31), null, StatsGroupBy.Agency)),
        ("one year, by official", new StatsQuery(new(2026, 1, 1), new(2026, 12, 31), null, StatsGroupBy.Official)),
        ("one quarter, one agency, by official", new StatsQuery(new(2026, 4, 1), new(2026, 6, 30), "000.00.19.H47", StatsGroupBy.Official)),
        ("two years, by procedure", new StatsQuery(new(2025, 1, 1), new(2026, 12, 31), null, StatsGroupBy.Procedure)),
        // Mid-month to mid-month: the most edge days (two partial months) summed from stats_days.
        ("a year from the 15th, by official", new StatsQuery(new(2025, 11, 15), new(2026, 11, 14), null, StatsGroupBy.Official)),
        ("45 days from the 10th, by official", new StatsQuery(new(2026, 9, 10), new(2026, 10, 24), null, StatsGroupBy.Official)),
    ];

    /// <summary>The bulk load bypasses the store: settle_ms and the daily and monthly counts are computed once afterwards.</summary>
    private static async Task RebuildDailyCountsAsync(HubStore store)
    {
        await using var c = await store.Dialect.OpenAsync(default);
        await using var tx = await c.BeginTransactionAsync();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = StatsDays.Rebuild(store.Provider == StorageOptions.Sqlite);
        cmd.CommandTimeout = 3600;
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static async Task<string> TimeAsync(HubStore store, StatsQuery query)
    {
        await store.GetStatsAsync(query); // warm
        var times = new List<double>();
        long received = 0;
        for (var i = 0; i < 20; i++)
        {
            var w = Stopwatch.StartNew();
            received = (await store.GetStatsAsync(query)).Sum(g => g.Received);
            times.Add(w.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return $"median {times[10],7:F1} ms  max {times[^1],7:F1} ms  ({received} dossiers)";
    }

    private static async Task AnalyzeAsync(HubStore store)
    {
        await using var c = await store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        // PostgreSQL: VACUUM sets the visibility map after a bulk load, so the covering index is read without the table.
        cmd.CommandText = store.Provider == StorageOptions.Sqlite ? "ANALYZE" : "VACUUM ANALYZE dossiers";
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task SeedSqliteAsync(HubStore store, int from, int to)
    {
        await using var c = (SqliteConnection)await store.Dialect.OpenAsync(default);
        // Random-order inserts into eight indexes are what made seeding take 15 minutes: drop them, load, build them sorted.
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = c.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' AND sql IS NOT NULL";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        await using (var drop = c.CreateCommand())
        {
            drop.CommandText = "PRAGMA synchronous=OFF; " + string.Concat(indexes.Select(i => $"DROP INDEX {i.Name}; "));
            await drop.ExecuteNonQueryAsync();
        }
        for (var start = from; start < to; start += 50_000)
        {
            await using var tx = c.BeginTransaction();
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO dossiers (" + string.Join(", ", Columns) + ") VALUES (" + string.Join(", ", Columns.Select(n => "$" + n)) + ")";
            var parameters = Columns.ToDictionary(n => n, n => cmd.Parameters.Add(new SqliteParameter("$" + n, null)));
            foreach (var row in Rows(start, Math.Min(to, start + 50_000)))
            {
                for (var i = 0; i < Columns.Length; i++) parameters[Columns[i]].Value = row[i] ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await using var create = c.CreateCommand();
        create.CommandText = string.Concat(indexes.Select(i => i.Sql + "; "));
        create.CommandTimeout = 3600;
        await create.ExecuteNonQueryAsync();
    }

    private static async Task SeedPostgresAsync(string connectionString, int from, int to)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var import = await c.BeginBinaryImportAsync($"COPY dossiers ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in Rows(from, to))
        {
            await import.StartRowAsync();
            foreach (var value in row)
            {
                if (value is null) await import.WriteNullAsync();
                else if (value is long l) await import.WriteAsync(l, NpgsqlDbType.Bigint);
                else await import.WriteAsync((string)value, NpgsqlDbType.Text);
            }
        }
        await import.CompleteAsync();
    }

    private static readonly string[] Columns =
    [
        "code", "procedure_code", "agency_code", "received_at", "received_ms", "channel", "applicant", "status", "due_at", "original_due_at",
        "effective_due_at", "effective_due_ms", "ended_at", "ended_ms", "end_status", "vertical_system", "submission_hash", "created_at",
        "updated_at", "supplement_count", "paused_since", "paused_since_ms", "early_before_ms", "official_name", "official_title", "official_unit", "end_outcome", "overdue_from_ms",
    ];

    /// <summary>Deterministic synthetic rows: 5% without a due date, 15% with supplements, 75% ended, 1% withdrawn.</summary>
    private static IEnumerable<object?[]> Rows(int from, int to)
    {
        var vn = TimeSpan.FromHours(7);
        var start = new DateTimeOffset(2025, 1, 1, 7, 0, 0, vn);
        var spanMinutes = (int)(new DateTimeOffset(2027, 1, 1, 0, 0, 0, vn) - start).TotalMinutes;
        for (var i = from; i < to; i++)
        {
            var r = new Random(i);
            var agency = Agencies[r.Next(Agencies.Length)];
            var received = start.AddMinutes(r.Next(spanMinutes));
            DateTimeOffset? due = r.Next(20) == 0 ? null : received.AddHours(r.Next(8, 15 * 24));
            var supplements = r.Next(100) switch { < 85 => 0, < 97 => 1, _ => 2 };
            var effective = due?.AddHours(supplements * r.Next(4, 72));
            var roll = r.Next(100);
            DateTimeOffset? ended = roll < 75 ? received.AddHours((effective ?? received.AddDays(5)).Subtract(received).TotalHours * (0.2 + r.NextDouble() * 1.1)) : null;
            var status = roll < 75 ? (long)(r.Next(10) switch { < 6 => 10, < 8 => 9, 8 => 3, _ => 8 }) : roll < 76 ? 7 : (long)(r.Next(3) switch { 0 => 2, 1 => 4, _ => 5 });
            DateTimeOffset? paused = status == 5 ? received.AddHours(r.Next(1, 48)) : null;
            var times = new DossierTimes(effective, ended, ended is null ? null : (DossierStatus)(status is 9 or 10 ? 9 : status), supplements, paused);
            var code = DossierCode.Format(agency, DateOnly.FromDateTime(received.DateTime), i % 10000 + 1) + "-" + i.ToString(CultureInfo.InvariantCulture);
            yield return
            [
                code, Procedures[r.Next(Procedures.Length)], agency, Instants.ToText(received), Instants.ToMs(received), "online",
                """{"name":"Nguyễn Văn A","idNumber":null,"phone":null,"email":null}""", status, Instants.ToText(due), Instants.ToText(due),
                Instants.ToText(effective), Instants.ToMs(effective), Instants.ToText(ended), Instants.ToMs(ended),
                ended is null ? null : (long?)(status is 9 or 10 ? 9 : status), "planning-investment", "seed", Instants.ToText(received),
                Instants.ToText(received), (long)supplements, Instants.ToText(paused), Instants.ToMs(paused), StatsColumns.EarlyBeforeMs(effective),
                $"Cán bộ {r.Next(40):D2}", "Chuyên viên", "Bộ phận một cửa",
                StatsColumns.EndOutcome(received, due, times), StatsColumns.OverdueFromMs(received, times),
            ];
        }
    }

    private static string? Arg(string[] args, string name, string? fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed class ElapsedWorkingTime : IWorkingTime
    {
        public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, Core.DueDates.OfficeHours hours) => to - from;
        public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, Core.DueDates.OfficeHours hours) => from + workingTime;
    }
}
