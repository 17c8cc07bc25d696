using IntegrationHub.Storage;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub audit verify [--data DIR] [--provider sqlite|postgres] [--connection-string CS]`: walks the audit hash chain
/// without changing the database. Exit 0 when it holds, 1 naming the first broken entry, 64 usage, 66 no database.
/// Without flags the Storage__Provider / Storage__ConnectionString / Hub__DataDir environment variables apply.
/// </summary>
public static class AuditCommand
{
    public const int Broken = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            await Console.Error.WriteLineAsync("usage: hub audit verify [--data DIR] [--provider sqlite|postgres] [--connection-string CS]");
            return CommandLine.Usage;
        }
        var provider = Environment.GetEnvironmentVariable("Storage__Provider") ?? StorageOptions.Sqlite;
        var connectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        var dataDir = Environment.GetEnvironmentVariable("Hub__DataDir") ?? "./data";
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length) return await UsageAsync($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--data": dataDir = args[++i]; break;
                case "--provider": provider = args[++i]; break;
                case "--connection-string" or "--postgres":
                    connectionString = args[++i];
                    if (args[i - 1] == "--postgres") provider = StorageOptions.Postgres;
                    break;
                default: return await UsageAsync($"unknown option '{args[i]}'");
            }
        }
        var options = new StorageOptions(provider, connectionString, dataDir);
        if (provider == StorageOptions.Sqlite && connectionString is null && !File.Exists(Path.Combine(dataDir, "hub.db")))
        {
            await Console.Error.WriteLineAsync($"hub audit: no database at {Path.Combine(dataDir, "hub.db")}");
            return CommandLine.NoInput;
        }
        try
        {
            var result = await HubStorage.Create(options, TimeProvider.System).VerifyAsync();
            if (result.Ok)
            {
                Console.WriteLine($"audit chain OK: {result.Entries} entries");
                return 0;
            }
            Console.WriteLine($"audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}");
            return Broken;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"hub audit: cannot read the audit log: {e.Message}");
            return CommandLine.NoInput;
        }
    }

    private static async Task<int> UsageAsync(string problem)
    {
        await Console.Error.WriteLineAsync($"hub audit: {problem}. usage: hub audit verify [--data DIR] [--provider sqlite|postgres] [--connection-string CS]");
        return CommandLine.Usage;
    }
}
