using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public enum HeldSealState { Waiting, Done, Dead }

/// <summary>What a held row asks for (0011): a seal (0010), or the augmentation of a signature to B-LT/B-LTA.</summary>
public static class HeldKinds
{
    public const string Seal = "seal";
    public const string Augment = "augment";
}

/// <summary>
/// A seal kept because its time-stamping authority did not answer (0010). <see cref="Step"/> says what the retry does:
/// "timestamp" adds the signature timestamp to <see cref="Document"/> (the B-B signature made at request time),
/// "reseal" seals <see cref="Document"/> (the original) again. <see cref="Result"/> is the B-T document once done.
/// A held augmentation (<see cref="Kind"/> "augment", 0011): <see cref="Document"/> is the signature, <see cref="Detached"/>
/// its signed content (detached) or null, <see cref="Mode"/> the target ("lt", "lta"), <see cref="Step"/> the service
/// waited for ("timestamp", "revocation") and <see cref="TsaUrl"/> the URL that did not answer.
/// </summary>
public sealed record HeldSeal(
    string Id, string Owner, string Name, string MediaType, string Mode, string Step, string TsaUrl, byte[] Document, byte[]? Result,
    HeldSealState State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string Kind = HeldKinds.Seal, byte[]? Detached = null, string? DossierCode = null);

/// <summary>A held seal without its documents, for the admin list.</summary>
public sealed record HeldSealSummary(
    string Id, string Owner, string Name, string Mode, string Step, string TsaUrl, HeldSealState State, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string Kind = HeldKinds.Seal, string? DossierCode = null);

public sealed partial class HubStore
{
    private const string HeldSealColumns =
        "id, owner, name, media_type, mode, step, tsa_url, document, result, state, attempts, next_attempt_ms, last_error, created_at, completed_at, kind, detached, dossier_code";

    private const string HeldSealSummaryColumns =
        "id, owner, name, '' AS media_type, mode, step, tsa_url, state, attempts, next_attempt_ms, last_error, created_at, completed_at, kind, dossier_code";

    /// <summary>
    /// Keeps a seal (or, with <paramref name="kind"/> "augment", an augmentation) to finish later: state waiting, first
    /// attempt at <paramref name="firstAttemptAt"/>; committed before the caller hears 202.
    /// </summary>
    public Task HoldSealAsync(string id, string owner, string name, string mediaType, string mode, string step, string tsaUrl, byte[] document,
        string? lastError, DateTimeOffset firstAttemptAt, CancellationToken ct = default,
        string kind = HeldKinds.Seal, byte[]? detached = null, string? dossierCode = null) => WriteAsync(async (c, tx) =>
    {
        var now = Instants.ToText(_time.GetUtcNow());
        await c.ExecuteAsync(Cmd(
            "INSERT INTO held_seals (id, owner, name, media_type, mode, step, tsa_url, document, result, state, attempts, next_attempt_ms, last_error, created_at, updated_at, kind, detached, dossier_code) " +
            "VALUES (@id, @owner, @name, @mediaType, @mode, @step, @tsaUrl, @document, NULL, 'waiting', 0, @next, @lastError, @now, @now, @kind, @detached, @dossierCode)",
            new { id, owner, name, mediaType, mode, step, tsaUrl, document, next = Instants.ToMs(firstAttemptAt), lastError, now, kind, detached, dossierCode }, tx, ct));
        await AppendAuditAsync(c, tx, new AuditRecord(owner, $"{kind}.held", $"{mode} {step}: {lastError}"), SealSubject(id), ct);
        return 0;
    }, ct);

    public async Task<HeldSeal?> GetHeldSealAsync(string id, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<HeldSealRow>(Cmd($"SELECT {HeldSealColumns} FROM held_seals WHERE id = @id", new { id }, null, ct));
        return row?.ToHeldSeal();
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> waiting seals that are due and moves their next attempt <paramref name="lease"/>
    /// ahead in the same statement: another node (or a second run) does not take them, and a job that dies with them
    /// gives them back when the lease runs out.
    /// </summary>
    public async Task<IReadOnlyList<HeldSeal>> ClaimDueHeldSealsAsync(int limit, TimeSpan lease, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var rows = await WriteAsync(async (c, tx) => (await c.QueryAsync<HeldSealRow>(Cmd(
            "UPDATE held_seals SET next_attempt_ms = @until, updated_at = @nowText WHERE id IN (" +
            $"SELECT id FROM held_seals WHERE state = 'waiting' AND next_attempt_ms <= @nowMs ORDER BY next_attempt_ms, id LIMIT @limit{Dialect.ForUpdateSkipLocked}) " +
            $"RETURNING {HeldSealColumns}",
            new { until = Instants.ToMs(now + lease), nowText = Instants.ToText(now), nowMs = Instants.ToMs(now), limit = (long)limit }, tx, ct))).ToList(), ct);
        return rows.Select(r => r.ToHeldSeal()).OrderBy(s => s.CreatedAt).ToList();
    }

    /// <summary>
    /// Stores the result (the held document is dropped; a detached signature's content is kept, the result's report
    /// needs it); false when the row is not waiting (done already, or dead).
    /// </summary>
    public Task<bool> CompleteHeldSealAsync(string id, byte[] result, CancellationToken ct = default) => WriteAsync(async (c, tx) =>
    {
        var now = Instants.ToText(_time.GetUtcNow());
        var kind = await c.QuerySingleOrDefaultAsync<string>(Cmd(
            "UPDATE held_seals SET state = 'done', result = @result, document = @empty, attempts = attempts + 1, last_error = NULL, completed_at = @now, updated_at = @now " +
            "WHERE id = @id AND state = 'waiting' RETURNING kind", new { id, result, empty = Array.Empty<byte>(), now }, tx, ct));
        if (kind is not null) await AppendAuditAsync(c, tx, new AuditRecord("sealing", kind == HeldKinds.Seal ? "seal.timestamped" : $"{kind}.done"), SealSubject(id), ct);
        return kind is not null;
    }, ct);

    /// <summary>
    /// One failed attempt: waits until <paramref name="retryAt"/>, or becomes a dead letter when it is null. A held
    /// augmentation may now wait for another service (<paramref name="step"/>, <paramref name="serviceUrl"/>; null keeps them).
    /// </summary>
    public Task<bool> FailHeldSealAsync(string id, string error, DateTimeOffset? retryAt, CancellationToken ct = default,
        string? step = null, string? serviceUrl = null) => WriteAsync(async (c, tx) =>
    {
        var now = _time.GetUtcNow();
        var kind = await c.QuerySingleOrDefaultAsync<string>(Cmd(
            "UPDATE held_seals SET state = @state, attempts = attempts + 1, last_error = @error, next_attempt_ms = @next, updated_at = @nowText, " +
            "step = COALESCE(@step, step), tsa_url = COALESCE(@serviceUrl, tsa_url) WHERE id = @id AND state = 'waiting' RETURNING kind",
            new { id, state = retryAt is null ? "dead" : "waiting", error, next = Instants.ToMs(retryAt ?? now), nowText = Instants.ToText(now), step, serviceUrl }, tx, ct));
        if (kind is not null && retryAt is null) await AppendAuditAsync(c, tx, new AuditRecord("sealing", $"{kind}.dead", error), SealSubject(id), ct);
        return kind is not null;
    }, ct);

    /// <summary>An admin's replay of a dead letter: waiting again, attempts from zero, due now. False when it is not dead.</summary>
    public Task<bool> ReplayHeldSealAsync(string id, string actor, CancellationToken ct = default) => WriteAsync(async (c, tx) =>
    {
        var now = _time.GetUtcNow();
        var kind = await c.QuerySingleOrDefaultAsync<string>(Cmd(
            "UPDATE held_seals SET state = 'waiting', attempts = 0, next_attempt_ms = @nowMs, updated_at = @nowText WHERE id = @id AND state = 'dead' RETURNING kind",
            new { id, nowMs = Instants.ToMs(now), nowText = Instants.ToText(now) }, tx, ct));
        if (kind is not null) await AppendAuditAsync(c, tx, new AuditRecord(actor, $"{kind}.requeued"), SealSubject(id), ct);
        return kind is not null;
    }, ct);

    /// <summary>Held seals and augmentations in a state and of a kind (all when null), newest first, without their documents.</summary>
    public async Task<IReadOnlyList<HeldSealSummary>> ListHeldSealsAsync(HeldSealState? state, int limit, CancellationToken ct = default, string? kind = null)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var filters = new List<string>();
        if (state is not null) filters.Add("state = @state");
        if (kind is not null) filters.Add("kind = @kind");
        var where = filters.Count == 0 ? "" : " WHERE " + string.Join(" AND ", filters);
        var rows = await c.QueryAsync<HeldSealRow>(Cmd($"SELECT {HeldSealSummaryColumns} FROM held_seals{where} ORDER BY created_at DESC, id LIMIT @limit",
            new { state = state is { } s ? StateText(s) : null, kind, limit = (long)limit }, null, ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>The held seals and augmentations of a dossier that are not done (waiting, dead letters), oldest first.</summary>
    public async Task<IReadOnlyList<HeldSealSummary>> ListOpenHeldForDossierAsync(string dossierCode, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<HeldSealRow>(Cmd(
            $"SELECT {HeldSealSummaryColumns} FROM held_seals WHERE dossier_code = @dossierCode AND state <> 'done' ORDER BY created_at, id LIMIT 100",
            new { dossierCode }, null, ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    private static string SealSubject(string id) => "seal:" + id;

    private static string StateText(HeldSealState state) => state.ToString().ToLowerInvariant();

    private sealed class HeldSealRow
    {
        public string Id { get; set; } = "";
        public string Owner { get; set; } = "";
        public string Name { get; set; } = "";
        public string MediaType { get; set; } = "";
        public string Mode { get; set; } = "";
        public string Step { get; set; } = "";
        public string TsaUrl { get; set; } = "";
        public byte[] Document { get; set; } = [];
        public byte[]? Result { get; set; }
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public long NextAttemptMs { get; set; }
        public string? LastError { get; set; }
        public string CreatedAt { get; set; } = "";
        public string? CompletedAt { get; set; }
        public string Kind { get; set; } = HeldKinds.Seal;
        public byte[]? Detached { get; set; }
        public string? DossierCode { get; set; }

        private HeldSealState ParsedState => Enum.Parse<HeldSealState>(State, ignoreCase: true);

        public HeldSeal ToHeldSeal() => new(Id, Owner, Name, MediaType, Mode, Step, TsaUrl, Document, Result, ParsedState, (int)Attempts,
            DateTimeOffset.FromUnixTimeMilliseconds(NextAttemptMs), LastError, Instants.Parse(CreatedAt), Instants.ParseOrNull(CompletedAt),
            Kind, Detached, DossierCode);

        public HeldSealSummary ToSummary() => new(Id, Owner, Name, Mode, Step, TsaUrl, ParsedState, (int)Attempts,
            DateTimeOffset.FromUnixTimeMilliseconds(NextAttemptMs), LastError, Instants.Parse(CreatedAt), Instants.ParseOrNull(CompletedAt),
            Kind, DossierCode);
    }
}
