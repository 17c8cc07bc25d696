using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Audit;
using IntegrationHub.Storage.Rows;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public sealed partial class HubStore
{
    private const int VerifyPage = 5000;

    public Task<AuditEntry> AppendAsync(AuditRecord record, string? subject, CancellationToken ct = default)
        => WriteAsync((c, tx) => AppendAuditAsync(c, tx, record, subject, ct), ct);

    public async Task<IReadOnlyList<AuditEntry>> ListEntriesAsync(string? subject = null, long afterSequence = 0, int limit = 100, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<AuditRow>(Cmd(
            "SELECT * FROM audit_log WHERE seq > @afterSequence AND (@subject IS NULL OR subject = @subject) ORDER BY seq LIMIT @limit",
            new { subject, afterSequence, limit = (long)Math.Clamp(limit, 1, 10_000) }, null, ct));
        return rows.Select(ToEntry).ToList();
    }

    /// <summary>
    /// Walks the chain page by page (never the whole log in memory) and names the first broken entry. The pages and
    /// the head are read in one snapshot: read apart, entries committed in between by a live hub made the head look
    /// ahead of the log (a false "entries were removed").
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        await using var tx = await Dialect.BeginSnapshotReadAsync(c, ct);
        var walker = new AuditChain.Walker();
        long after = 0;
        while (true)
        {
            var page = (await c.QueryAsync<AuditRow>(Cmd(
                "SELECT * FROM audit_log WHERE seq > @after ORDER BY seq LIMIT @limit", new { after, limit = (long)VerifyPage }, tx, ct))).ToList();
            foreach (var row in page)
                if (walker.Check(ToEntry(row)) is { } broken) return broken;
            if (page.Count < VerifyPage) break;
            after = page[^1].Seq;
        }
        // The head row remembers the last entry: entries cut off the end of the log show up here.
        var head = await c.QuerySingleAsync<(long Seq, string Hash)>(Cmd("SELECT seq, hash FROM audit_head WHERE id = 1", null, tx, ct));
        var result = walker.Result;
        if (head.Seq != result.Entries || (head.Seq > 0 && head.Hash != walker.LastHash))
            return new AuditVerification(false, result.Entries, result.Entries + 1,
                $"the log ends at entry {result.Entries} but its head records entry {head.Seq}: entries were removed from the end or the head was altered");
        return result;
    }

    private static AuditEntry ToEntry(AuditRow r)
        => new(r.Seq, Instants.Parse(r.At), r.Actor, r.Action, r.Subject, r.Details, r.PrevHash, r.Hash);
}
