using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IntegrationHub.Storage.Tests.Fixtures;

/// <summary>
/// Finds PostgreSQL for the store suite: HUB_TEST_POSTGRES (a connection string), else a throwaway cluster started
/// from /usr/lib/postgresql/*/bin (as the postgres user when running as root), else none, with the reason.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<(string? ConnectionString, string Reason)> Server = new(Start);

    public static string? AdminConnectionString => Server.Value.ConnectionString;
    public static string Reason => Server.Value.Reason;

    /// <summary>A migrated and seeded database, copied for each test (CREATE DATABASE ... TEMPLATE is much faster than migrating).</summary>
    private static readonly Lazy<string> Template = new(() =>
    {
        var connectionString = CreateDatabase(migrated: false);
        // Unpooled, so no session stays open on the template (PostgreSQL refuses to copy a database in use).
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        Task.Run(() => HubStorage.OpenAsync(new StorageOptions(StorageOptions.Postgres, unpooled), TimeProvider.System, new ElapsedWorkingTime()))
            .GetAwaiter().GetResult();
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    });

    /// <summary>A fresh database on the server, empty or migrated and seeded; its connection string.</summary>
    public static string CreateDatabase(bool migrated)
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(Reason);
        var name = "hub_test_" + Guid.NewGuid().ToString("N")[..12];
        var template = migrated ? $" TEMPLATE {Template.Value}" : "";
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}{template}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ToString();
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var c = new NpgsqlConnection(AdminConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }

    private static (string?, string) Start()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return (fromEnv, "HUB_TEST_POSTGRES");
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) return (null, "PostgreSQL is not available: HUB_TEST_POSTGRES is unset and no initdb/pg_ctl under /usr/lib/postgresql/*/bin");
        try
        {
            return (StartCluster(bin), $"throwaway cluster from {bin}");
        }
        catch (Exception e)
        {
            return (null, $"PostgreSQL is not available: starting a throwaway cluster from {bin} failed: {e.Message}");
        }
    }

    private static string StartCluster(string bin)
    {
        var root = Environment.UserName == "root";
        var dir = Directory.CreateTempSubdirectory("hub-pg-test-").FullName;
        var port = FreePort();
        if (root) Run("chown", "postgres", dir);
        RunAs(root, $"{bin}/initdb -D {dir}/data -A trust -U postgres --no-sync >/dev/null");
        RunAs(root, $"{bin}/pg_ctl -D {dir}/data -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off\" -l {dir}/log -w start >/dev/null");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { RunAs(root, $"{bin}/pg_ctl -D {dir}/data -m immediate stop >/dev/null"); Directory.Delete(dir, true); }
            catch (Exception) { /* best effort: the cluster lives in a temp folder */ }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    private static void RunAs(bool root, string command)
    {
        if (root) Run("su", "postgres", "-s", "/bin/sh", "-c", command);
        else Run("/bin/sh", "-c", command);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {err}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
