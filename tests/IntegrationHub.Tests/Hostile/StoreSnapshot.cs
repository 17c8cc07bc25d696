using System.Text;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// What the hub has stored, read from its SQLite file beside the hub (not through the hub): the row count of every
/// table, the audit chain's head, and every dossier's status and due date. Two equal snapshots mean a request
/// changed nothing that the store keeps.
/// </summary>
public sealed record StoreSnapshot(string Text)
{
    public static async Task<StoreSnapshot> TakeAsync(string dataDir)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "hub.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        await using var db = new SqliteConnection(connection.ToString());
        await db.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in await ListAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            text.Append(table).Append('=').Append(await ScalarAsync(db, $"SELECT COUNT(*) FROM \"{table}\"")).Append('\n');
        text.Append("audit head: ").Append(await ScalarAsync(db, "SELECT seq || ' ' || hash FROM audit_head")).Append('\n');
        foreach (var dossier in await ListAsync(db, "SELECT code || ' ' || status || ' ' || COALESCE(due_at, '-') FROM dossiers ORDER BY code"))
            text.Append(dossier).Append('\n');
        return new StoreSnapshot(text.ToString());
    }

    /// <summary>The lines that differ, for a failure message.</summary>
    public string Difference(StoreSnapshot after)
    {
        var before = Text.Split('\n').ToHashSet();
        var now = after.Text.Split('\n').ToHashSet();
        return string.Join("; ", before.Except(now).Select(l => "was " + l).Concat(now.Except(before).Select(l => "now " + l)));
    }

    private static async Task<List<string>> ListAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<string> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
