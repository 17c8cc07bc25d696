using System.Data.Common;
using Dapper;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Rows;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public sealed partial class HubStore
{
    private const string DossierColumns =
        "code, procedure_code, agency_code, received_at, channel, applicant, status, due_at, original_due_at, effective_due_at, " +
        "ended_at, end_status, supplement_count, paused_since, vertical_system, submission_hash";

    public Task<CreateResult> TryCreateAsync(NewDossier dossier, OutboxMessage? outbox, AuditRecord audit, CancellationToken ct = default)
        => TryCreateWithOutboxAsync(dossier, outbox is null ? [] : [outbox], audit, ct);

    public async Task<CreateResult> TryCreateWithOutboxAsync(NewDossier dossier, IReadOnlyList<OutboxMessage> outbox, AuditRecord audit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var hash = SubmissionFingerprint.Compute(dossier);
        // Concurrent intakes share one transaction (IntakeGroupCommit): the answer comes only after that commit.
        var created = await _intakeCommits.WriteAsync(new PendingCreate(dossier, outbox, audit, hash, _time.GetUtcNow()));

        if (created) return new CreateResult(CreateOutcome.Created, NewlyCreated(dossier, hash));
        var existing = await GetAsync(dossier.Code, ct) ?? throw new InvalidOperationException($"dossier {dossier.Code} vanished");
        return new CreateResult(existing.SubmissionHash == hash ? CreateOutcome.Existing : CreateOutcome.Conflict, existing);
    }

    /// <summary>Intake transactions so far: fewer than dossiers created when concurrent intakes were grouped.</summary>
    internal long IntakeTransactions => _intakeCommits.Transactions;

    /// <summary>One intake waiting for its group's transaction.</summary>
    internal sealed record PendingCreate(NewDossier Dossier, IReadOnlyList<OutboxMessage> Outbox, AuditRecord Audit, string Hash, DateTimeOffset Now);

    /// <summary>
    /// Writes one dossier (row, stats_days, documents, outbox rows, audit entry) inside the group's transaction.
    /// False when the code is already stored: the primary key decides between concurrent duplicates, the loser
    /// inserts nothing and the caller reads the winner.
    /// </summary>
    private async Task<bool> CreateInTransactionAsync(DbConnection c, DbTransaction tx, PendingCreate p, CancellationToken ct)
    {
        var (dossier, outbox, audit, hash, now) = p;
        var inserted = await c.ExecuteAsync(Cmd(
            "INSERT INTO dossiers (code, procedure_code, agency_code, received_at, received_ms, channel, applicant, status, due_at, " +
            "original_due_at, effective_due_at, effective_due_ms, early_before_ms, overdue_from_ms, supplement_count, vertical_system, submission_hash, created_at, updated_at) " +
            "VALUES (@Code, @ProcedureCode, @AgencyCode, @ReceivedAt, @ReceivedMs, @Channel, @Applicant, @Status, @DueAt, @DueAt, @DueAt, @DueMs, " +
            "@EarlyBeforeMs, @DueMs, 0, @VerticalSystem, @Hash, @Now, @Now) ON CONFLICT (code) DO NOTHING",
            new
            {
                dossier.Code, dossier.ProcedureCode, dossier.AgencyCode,
                ReceivedAt = Instants.ToText(dossier.ReceivedAt), ReceivedMs = Instants.ToMs(dossier.ReceivedAt),
                Channel = dossier.Channel.ToWire(), Applicant = Json.Write(dossier.Applicant), Status = (long)dossier.InitialStatus,
                DueAt = Instants.ToText(dossier.DueAt), DueMs = Instants.ToMs(dossier.DueAt),
                EarlyBeforeMs = StatsColumns.EarlyBeforeMs(dossier.DueAt),
                dossier.VerticalSystem, Hash = hash, Now = Instants.ToText(now),
            }, tx, ct));
        if (inserted == 0) return false;
        var head = await LockAuditHeadAsync(c, tx, ct);
        await StatsDays.AddAsync(c, tx, dossier.Code, ct);
        var position = 0;
        foreach (var doc in dossier.Documents)
            await InsertDocumentAsync(c, tx, dossier.Code, position++, doc, now, ct);
        foreach (var message in outbox) await InsertOutboxAsync(c, tx, dossier.Code, message, now, ct);
        await AppendAuditAsync(c, tx, audit, dossier.Code, ct, head);
        return true;
    }

    public async Task<Dossier?> GetAsync(string code, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<DossierRow>(Cmd($"SELECT {DossierColumns} FROM dossiers WHERE code = @code", new { code }, null, ct));
        if (row is null) return null;
        var docs = await c.QueryAsync<DocumentRow>(Cmd(
            "SELECT position, name, media_type, size, sha256, detached_sha256, report, flagged FROM dossier_documents WHERE dossier_code = @code ORDER BY position",
            new { code }, null, ct));
        var events = await c.QueryAsync<EventRow>(Cmd(
            "SELECT * FROM status_events WHERE dossier_code = @code ORDER BY seq", new { code }, null, ct));
        return ToDossier(row, docs.Select(ToDocument).ToList(), events.Select(ToEvent).ToList());
    }

    public async Task<byte[]?> GetDocumentContentAsync(string sha256, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<byte[]>(Cmd("SELECT content FROM blobs WHERE sha256 = @sha256", new { sha256 = sha256.ToLowerInvariant() }, null, ct));
    }

    public async Task<IReadOnlyDictionary<string, Dossier>> GetManyAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        var found = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        if (codes.Count == 0) return found;
        await using var c = await Dialect.OpenAsync(ct);
        foreach (var chunk in codes.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            // The IN list is spelled out (@c0, @c1, ...): Dapper expands lists for SQLite but hands Npgsql an array.
            var (args, inList) = InList(chunk);
            var rows = await c.QueryAsync<DossierRow>(Cmd($"SELECT {DossierColumns} FROM dossiers WHERE code IN {inList}", args, null, ct));
            var docs = (await c.QueryAsync<DocumentRow>(Cmd(
                    "SELECT dossier_code, position, name, media_type, size, sha256, detached_sha256, report, flagged FROM dossier_documents " +
                    $"WHERE dossier_code IN {inList} ORDER BY dossier_code, position", args, null, ct)))
                .ToLookup(d => d.DossierCode, StringComparer.Ordinal);
            var events = (await c.QueryAsync<EventRow>(Cmd(
                    $"SELECT * FROM status_events WHERE dossier_code IN {inList} ORDER BY dossier_code, seq", args, null, ct)))
                .ToLookup(e => e.DossierCode, StringComparer.Ordinal);
            foreach (var row in rows)
                found[row.Code] = ToDossier(row, docs[row.Code].Select(ToDocument).ToList(), events[row.Code].Select(ToEvent).ToList());
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> GetDocumentContentsAsync(IReadOnlyCollection<string> sha256s, CancellationToken ct = default)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (sha256s.Count == 0) return found;
        await using var c = await Dialect.OpenAsync(ct);
        foreach (var chunk in sha256s.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var (args, inList) = InList(chunk);
            var rows = await c.QueryAsync<(string Sha256, byte[] Content)>(Cmd($"SELECT sha256, content FROM blobs WHERE sha256 IN {inList}", args, null, ct));
            foreach (var (sha, content) in rows) found[sha] = content;
        }
        return found;
    }

    private static (DynamicParameters Args, string InList) InList(IReadOnlyList<string> values)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < values.Count; i++) args.Add("c" + i, values[i]);
        return (args, "(" + string.Join(", ", values.Select((_, i) => "@c" + i)) + ")");
    }

    /// <summary>Stores the content once per hash (an existing copy is kept) and returns the document's metadata.</summary>
    private static async Task<DossierDocument> StoreDocumentContentAsync(DbConnection c, DbTransaction tx, DocumentUpload doc, DateTimeOffset now, CancellationToken ct)
    {
        var sha = await InsertBlobAsync(c, tx, doc.Content, doc.Sha256, now, ct);
        var detached = doc.DetachedSignature is null ? null : await InsertBlobAsync(c, tx, doc.DetachedSignature, doc.DetachedSignatureSha256!, now, ct);
        return new DossierDocument(doc.Name, doc.MediaType, doc.Content.LongLength, sha, detached, doc.SignatureReportJson, doc.Flagged);
    }

    private static async Task InsertDocumentAsync(DbConnection c, DbTransaction tx, string code, int position, DocumentUpload upload, DateTimeOffset now, CancellationToken ct)
    {
        var doc = await StoreDocumentContentAsync(c, tx, upload, now, ct);
        await c.ExecuteAsync(Cmd(
            "INSERT INTO dossier_documents (dossier_code, position, name, media_type, size, sha256, detached_sha256, report, flagged) " +
            "VALUES (@code, @position, @Name, @MediaType, @Size, @Sha256, @DetachedSignatureSha256, @SignatureReportJson, @flagged)",
            new { code, position = (long)position, doc.Name, doc.MediaType, doc.Size, doc.Sha256, doc.DetachedSignatureSha256, doc.SignatureReportJson, flagged = doc.Flagged ? 1L : 0L },
            tx, ct));
    }

    private static async Task<string> InsertBlobAsync(DbConnection c, DbTransaction tx, byte[] content, string sha, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(Cmd(
            "INSERT INTO blobs (sha256, size, content, created_at) VALUES (@sha, @size, @content, @now) ON CONFLICT (sha256) DO NOTHING",
            new { sha, size = content.LongLength, content, now = Instants.ToText(now) }, tx, ct));
        return sha;
    }

    private static Dossier NewlyCreated(NewDossier d, string hash) => new(
        d.Code, d.ProcedureCode, d.AgencyCode, d.ReceivedAt, d.Channel, d.Applicant, d.InitialStatus, d.DueAt, d.DueAt,
        DossierTimes.Initial(d.DueAt), d.VerticalSystem, hash,
        d.Documents.Select(u => new DossierDocument(u.Name, u.MediaType, u.Content.LongLength, u.Sha256,
            u.DetachedSignatureSha256, u.SignatureReportJson, u.Flagged)).ToList(),
        []);

    private static Dossier ToDossier(DossierRow r, IReadOnlyList<DossierDocument> docs, IReadOnlyList<StatusEvent> history)
    {
        SubmissionChannels.TryParse(r.Channel, out var channel);
        var times = new DossierTimes(Instants.ParseOrNull(r.EffectiveDueAt), Instants.ParseOrNull(r.EndedAt),
            r.EndStatus is { } s ? (DossierStatus)s : null, (int)r.SupplementCount, Instants.ParseOrNull(r.PausedSince));
        return new Dossier(r.Code, r.ProcedureCode, r.AgencyCode, Instants.Parse(r.ReceivedAt), channel, Json.Read<Applicant>(r.Applicant),
            (DossierStatus)r.Status, Instants.ParseOrNull(r.DueAt), Instants.ParseOrNull(r.OriginalDueAt), times, r.VerticalSystem,
            r.SubmissionHash, docs, history);
    }

    private static DossierDocument ToDocument(DocumentRow r)
        => new(r.Name, r.MediaType, r.Size, r.Sha256, r.DetachedSha256, r.Report, r.Flagged != 0);

    private static StatusEvent ToEvent(EventRow r) => new(
        r.EventId, (DossierStatus)r.Status, r.SystemStatus, Instants.Parse(r.At),
        r.OfficialName is null ? null : new Official(r.OfficialName, r.OfficialTitle, r.OfficialUnit),
        r.Note, Instants.ParseOrNull(r.StepDueAt),
        r.ApologyReason is null || r.ApologyNewDueAt is null ? null : new Apology(r.ApologyReason, Instants.Parse(r.ApologyNewDueAt)),
        r.Result is null ? null : Json.Read<DossierDocument>(r.Result), Instants.Parse(r.RecordedAt));
}
