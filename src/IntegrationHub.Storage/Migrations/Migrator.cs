using System.Globalization;
using System.Reflection;
using Dapper;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage.Migrations;

/// <summary>One numbered script, e.g. <c>0002_statistics_columns.sql</c>.</summary>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// Upgrades a database in place: the <c>schema_versions</c> table records applied scripts; each missing script runs
/// in its own transaction together with its version row, so a failed upgrade leaves the previous version intact
/// and running it twice changes nothing.
/// </summary>
internal static class Migrator
{
    public static IReadOnlyList<Migration> Scripts(string dialect)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"Migrations/{dialect}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static int LatestVersion(string dialect) => Scripts(dialect).Max(m => m.Version);

    /// <summary>Applies every script up to <paramref name="targetVersion"/> (all when null); returns the version reached.</summary>
    public static async Task<int> MigrateAsync(SqlDialect dialect, TimeProvider time, int? targetVersion = null, CancellationToken ct = default)
    {
        await using var connection = await dialect.OpenAsync(ct);
        // Under the migration lock too: two nodes starting together on an empty PostgreSQL database both ran this
        // CREATE TABLE IF NOT EXISTS, and the second could fail on a duplicate catalogue row (IF NOT EXISTS is not
        // safe against a concurrent create) and stop that node.
        await using (var tx = await dialect.BeginWriteAsync(connection, ct))
        {
            await dialect.LockForMigrationAsync(connection, tx, ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
                transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        var reached = 0;
        foreach (var migration in Scripts(dialect.Name).Where(m => targetVersion is null || m.Version <= targetVersion))
        {
            await using var tx = await dialect.BeginWriteAsync(connection, ct);
            await dialect.LockForMigrationAsync(connection, tx, ct);
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_versions WHERE version = @Version", new { migration.Version }, tx, cancellationToken: ct));
            if (applied == 0)
            {
                // A backfill over a large table may take minutes: no command timeout for migration scripts.
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, commandTimeout: 3600, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_versions (version, description, applied_at) VALUES (@Version, @Description, @At)",
                    new { migration.Version, migration.Description, At = Instants.ToText(time.GetUtcNow()) }, tx, cancellationToken: ct));
            }
            await tx.CommitAsync(ct);
            reached = migration.Version;
        }
        return reached;
    }

    public static async Task<int> CurrentVersionAsync(SqlDialect dialect, CancellationToken ct = default)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_versions", cancellationToken: ct)) ?? 0;
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_');
        var version = int.Parse(fileName[..underscore], CultureInfo.InvariantCulture);
        return new Migration(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }
}
