using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

/// <summary>A long-term level a stored document reached (0009): generation 0 is B-LT, 1 the first B-LTA, 2+ its renewals.</summary>
public sealed record DocumentLevel(int Position, string Level, int Generation, string Sha256, DateTimeOffset? RenewBefore);

/// <summary>A document's latest level whose renewal is due (the sweep queues generation + 1).</summary>
public sealed record RenewalDue(string DossierCode, int Position, int Generation, DateTimeOffset RenewBefore);

/// <summary>A document accepted as TOTAL_PASSED (not flagged) with no B-LT task yet (stored before the feature, or lost).</summary>
public sealed record UnaugmentedDocument(string DossierCode, int Position);

public sealed partial class HubStore
{
    /// <summary>
    /// Stores an augmented document beside the original, its level, and marks the long-term outbox row delivered,
    /// in one transaction keyed by (document, generation): a job that runs again after a crash, or a stale one,
    /// finds the level stored and stores nothing (returns false; the row is still marked delivered).
    /// </summary>
    public Task<bool> StoreAugmentedAsync(long outboxId, string dossierCode, int position, string level, int generation,
        byte[] content, DateTimeOffset? renewBefore, CancellationToken ct = default) => WriteAsync(async (c, tx) =>
    {
        var now = _time.GetUtcNow();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await InsertBlobAsync(c, tx, content, sha, now, ct);
        var stored = await c.ExecuteAsync(Cmd(
            "INSERT INTO document_levels (dossier_code, position, level, generation, sha256, renew_before_at, renew_before_ms, created_at) " +
            "VALUES (@dossierCode, @position, @level, @generation, @sha, @renewText, @renewMs, @now) ON CONFLICT (dossier_code, position, level, generation) DO NOTHING",
            new
            {
                dossierCode, position = (long)position, level, generation = (long)generation, sha,
                renewText = renewBefore is { } r ? Instants.ToText(r) : null, renewMs = renewBefore is { } m ? Instants.ToMs(m) : (long?)null,
                now = Instants.ToText(now),
            }, tx, ct)) > 0;
        await c.ExecuteAsync(Cmd(
            "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = @now, delivered_by = @node, updated_at = @now, last_error = NULL " +
            "WHERE id = @outboxId AND state <> 'delivered'", new { outboxId, now = Instants.ToText(now), node = Node }, tx, ct));
        if (stored)
            await AppendAuditAsync(c, tx, new AuditRecord("long-term", "document.augmented", $"document {position}: {level} (generation {generation})"), dossierCode, ct);
        return stored;
    }, ct);

    /// <summary>The levels a dossier's documents reached, oldest first.</summary>
    public async Task<IReadOnlyList<DocumentLevel>> GetDocumentLevelsAsync(string dossierCode, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Position, string Level, long Generation, string Sha256, string? RenewBeforeAt)>(Cmd(
            "SELECT position, level, generation, sha256, renew_before_at FROM document_levels WHERE dossier_code = @dossierCode ORDER BY position, generation",
            new { dossierCode }, null, ct));
        return rows.Select(r => new DocumentLevel((int)r.Position, r.Level, (int)r.Generation, r.Sha256, Instants.ParseOrNull(r.RenewBeforeAt))).ToList();
    }

    /// <summary>Documents per current (highest) level reached.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountDocumentLevelsAsync(CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Level, long Count)>(Cmd(
            "SELECT level, COUNT(*) FROM (SELECT MAX(level) AS level FROM document_levels GROUP BY dossier_code, position) current_levels GROUP BY level",
            null, null, ct));
        return rows.ToDictionary(r => r.Level, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>Long-term outbox rows not done, per state and error class (the service waited for, e.g. "timestamp@host").</summary>
    public async Task<IReadOnlyList<(string State, string? ErrorClass, long Count)>> CountLongTermWorkAsync(CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<(string State, string? ErrorClass, long Count)>(Cmd(
            "SELECT state, error_class, COUNT(*) FROM outbox WHERE vertical_system = 'long-term' AND state <> 'delivered' GROUP BY state, error_class ORDER BY state, error_class",
            null, null, ct));
        return rows.ToList();
    }

    /// <summary>Latest levels whose renew-before falls before <paramref name="until"/> and that have no later generation.</summary>
    public async Task<IReadOnlyList<RenewalDue>> FindRenewalsDueAsync(DateTimeOffset until, int limit, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<(string DossierCode, long Position, long Generation, string RenewBeforeAt)>(Cmd(
            "SELECT d.dossier_code, d.position, d.generation, d.renew_before_at FROM document_levels d WHERE d.renew_before_ms <= @untilMs " +
            "AND NOT EXISTS (SELECT 1 FROM document_levels n WHERE n.dossier_code = d.dossier_code AND n.position = d.position AND n.generation > d.generation) " +
            "ORDER BY d.renew_before_ms LIMIT @limit",
            new { untilMs = Instants.ToMs(until), limit = (long)limit }, null, ct));
        return rows.Select(r => new RenewalDue(r.DossierCode, (int)r.Position, (int)r.Generation, Instants.Parse(r.RenewBeforeAt))).ToList();
    }

    /// <summary>
    /// Signed documents accepted as TOTAL_PASSED (not flagged) with no long-term row of generation 0 in the outbox
    /// (message id "{code}:lt-{position}-0", see the host's LongTermTasks).
    /// </summary>
    public async Task<IReadOnlyList<UnaugmentedDocument>> FindUnaugmentedAsync(int limit, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<(string DossierCode, long Position)>(Cmd(
            "SELECT d.dossier_code, d.position FROM dossier_documents d WHERE d.flagged = 0 AND d.report IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = d.dossier_code || ':lt-' || CAST(d.position AS TEXT) || '-0') " +
            "ORDER BY d.dossier_code, d.position LIMIT @limit",
            new { limit = (long)limit }, null, ct));
        return rows.Select(r => new UnaugmentedDocument(r.DossierCode, (int)r.Position)).ToList();
    }
}
