using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Simulators;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chaos;

/// <summary>The figures of a run and whether nothing answered 201/200 was lost.</summary>
public sealed record Findings(int Accepted, int Answered201, int Answered200, int Stored, int StoredWithoutAnswer, int MissingInStore,
    int OutboxRowsTwice, long Undelivered, long Dead, int Lost, long Duplicates, int Unexpected, bool AuditOk, string AuditLine)
{
    public bool Ok => Lost == 0 && MissingInStore == 0 && OutboxRowsTwice == 0 && Undelivered == 0 && Unexpected == 0 && AuditOk;
}

/// <summary>Waits for the outbox to drain, then checks the store, the simulators' ledgers and the audit chain.</summary>
public sealed class Verdict(ChaosOptions options, SimulatorHost simulators, Feed feed)
{
    private IntegrationHub.Simulators.Recording.Ledger Ledger(string system) => simulators.Runtime[system].Ledger;

    /// <summary>Every accepted dossier at its ministry and at the national portal, and no outbox row left to send.</summary>
    public bool AllDelivered(out long undelivered)
    {
        undelivered = Undelivered().Pending;
        if (undelivered > 0) return false;
        var national = Ledger(SimulatedSystems.NationalPortal);
        return feed.Accepted.Values.All(a => Ledger(a.System).Contains($"{a.Code}:submit") && national.Contains($"{a.Code}:np-dossier-0"));
    }

    /// <summary>Polls until everything is delivered or the timeout; the time it took.</summary>
    public async Task<(bool Drained, TimeSpan Took)> WaitDrainedAsync(TimeSpan timeout, Action<string>? progress = null)
    {
        var started = Stopwatch.GetTimestamp();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (AllDelivered(out var left)) return (true, elapsed);
            if (elapsed > timeout) return (false, elapsed);
            if (elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = elapsed;
                progress?.Invoke($"draining: {left} outbox rows not delivered, {elapsed.TotalSeconds:F0} s");
            }
            await Task.Delay(500);
        }
    }

    public async Task<Findings> CheckAsync()
    {
        var accepted = feed.Accepted.Values.ToList();
        var stored = StoredCodes();
        var (undelivered, dead) = Undelivered();
        var national = Ledger(SimulatedSystems.NationalPortal);
        var lost = accepted.Count(a => !Ledger(a.System).Contains($"{a.Code}:submit") || !national.Contains($"{a.Code}:np-dossier-0"));
        // Anything a ministry received that we never sent would be a message made up or misrouted.
        var unexpected = SimulatedSystems.All.Sum(s => Ledger(s).Messages.Count(m => !feed.Sent.ContainsKey(m.DossierCode)
            || (s != SimulatedSystems.NationalPortal && feed.Sent[m.DossierCode] != s)));
        var duplicates = SimulatedSystems.All.Sum(s => Ledger(s).Duplicates);
        var (auditOk, auditLine) = await AuditVerifyAsync();
        return new Findings(accepted.Count, accepted.Count(a => a.Status == 201), accepted.Count(a => a.Status == 200),
            stored.Count, stored.Count(c => !feed.Accepted.ContainsKey(c)), accepted.Count(a => !stored.Contains(a.Code)),
            OutboxRowsTwice(), undelivered, dead, lost, duplicates, unexpected, auditOk, auditLine);
    }

    /// <summary>`hub audit verify` on the run's store: exit 0 when the hash chain holds.</summary>
    public async Task<(bool Ok, string Line)> AuditVerifyAsync()
    {
        var exe = options.Hub.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(exe ? "dotnet" : options.Hub) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (exe) info.ArgumentList.Add(options.Hub);
        foreach (var a in new[] { "audit", "verify", "--data", Path.Combine(options.Work, "node-a") }) info.ArgumentList.Add(a);
        if (options.Postgres is { } cs) { info.ArgumentList.Add("--postgres"); info.ArgumentList.Add(cs); }
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode == 0, $"exit {p.ExitCode}: {output.Trim()}");
    }

    private HashSet<string> StoredCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT code FROM dossiers";
        using var r = cmd.ExecuteReader();
        while (r.Read()) codes.Add(r.GetString(0));
        return codes;
    }

    /// <summary>Outbox rows not yet delivered (pending or retrying), and dead letters.</summary>
    public (long Pending, long Dead) Undelivered()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(SUM(CASE WHEN state IN ('pending','retrying') THEN 1 ELSE 0 END),0), COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END),0) FROM outbox";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)));
    }

    /// <summary>Outbox rows for the same dossier and system more than once (each dossier has one per system).</summary>
    private int OutboxRowsTwice()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM (SELECT dossier_code, vertical_system FROM outbox GROUP BY dossier_code, vertical_system HAVING COUNT(*) > 1) t";
        return Convert.ToInt32(cmd.ExecuteScalar());
    }

    /// <summary>Deliveries recorded by each node (outbox.delivered_by).</summary>
    public Dictionary<string, long> DeliveredBy()
    {
        var result = new Dictionary<string, long>();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(delivered_by, '(none)'), COUNT(*) FROM outbox WHERE state = 'delivered' GROUP BY delivered_by";
        using var r = cmd.ExecuteReader();
        while (r.Read()) result[r.GetString(0)] = Convert.ToInt64(r.GetValue(1));
        return result;
    }

    private System.Data.Common.DbConnection Open()
    {
        System.Data.Common.DbConnection c = options.Store == "postgres"
            ? new NpgsqlConnection(options.Postgres)
            : new SqliteConnection($"Data Source={Path.Combine(options.Work, "node-a", "hub.db")};Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    public static string Json(object o) => JsonSerializer.Serialize(o);
}
