using IntegrationHub.Core.Dossiers;

namespace IntegrationHub.Core.Ports;

/// <summary>
/// The dossier store. Every write is one transaction that also writes the audit entry (and, where given,
/// the outbox row), so an accepted dossier or event is never half-stored.
/// </summary>
public interface IDossierStore
{
    /// <summary>
    /// Stores a new dossier with its documents (content kept once per SHA-256), its outbox row and its audit
    /// entry in one transaction. Same code and same <see cref="SubmissionFingerprint"/> as a stored dossier:
    /// <see cref="CreateOutcome.Existing"/>; same code, other content: <see cref="CreateOutcome.Conflict"/>.
    /// Concurrent duplicates create exactly one (a unique index decides, not a lock).
    /// </summary>
    Task<CreateResult> TryCreateAsync(NewDossier dossier, OutboxMessage? outbox, AuditRecord audit, CancellationToken ct = default);

    /// <summary>As above with several outbox rows (the delivery and the documents' long-term tasks), all in the dossier's transaction.</summary>
    Task<CreateResult> TryCreateWithOutboxAsync(NewDossier dossier, IReadOnlyList<OutboxMessage> outbox, AuditRecord audit, CancellationToken ct = default);

    /// <summary>The dossier with its documents and history (ordered as stored), or null.</summary>
    Task<Dossier?> GetAsync(string code, CancellationToken ct = default);

    /// <summary>
    /// Appends a status event in one transaction. The transition is decided inside it by
    /// <paramref name="isAllowed"/>(current status, new status) (pass <c>StatusTransitions.IsAllowed</c>);
    /// a forbidden one changes nothing. An event id already stored for this dossier is accepted once:
    /// <see cref="AppendOutcome.Duplicate"/>, nothing changed. Supplement pauses, apologies and the end time
    /// are folded into <see cref="Dossier.Times"/> here.
    /// </summary>
    Task<AppendResult> AppendEventAsync(
        string code,
        NewStatusEvent statusEvent,
        Func<DossierStatus?, DossierStatus, bool> isAllowed,
        AuditRecord audit,
        OutboxMessage? outbox = null,
        CancellationToken ct = default);

    /// <summary>A stored document's content by its SHA-256 (lower-case hex), or null.</summary>
    Task<byte[]?> GetDocumentContentAsync(string sha256, CancellationToken ct = default);

    /// <summary>
    /// The stored dossiers among <paramref name="codes"/> by code (missing ones left out), as <see cref="GetAsync"/>
    /// reads them. A delivery batch reads its dossiers with this: a few queries for the batch, not three per row.
    /// </summary>
    async Task<IReadOnlyDictionary<string, Dossier>> GetManyAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        var found = new Dictionary<string, Dossier>(StringComparer.Ordinal);
        foreach (var code in codes.Distinct())
            if (await GetAsync(code, ct) is { } d) found[code] = d;
        return found;
    }

    /// <summary>Stored contents among <paramref name="sha256s"/> (lower-case hex) by hash; missing ones left out.</summary>
    async Task<IReadOnlyDictionary<string, byte[]>> GetDocumentContentsAsync(IReadOnlyCollection<string> sha256s, CancellationToken ct = default)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var sha in sha256s.Distinct())
            if (await GetDocumentContentAsync(sha, ct) is { } content) found[sha] = content;
        return found;
    }
}

public enum CreateOutcome { Created, Existing, Conflict }

/// <summary><see cref="Dossier"/> is the stored dossier in every outcome (for Conflict: the one already there).</summary>
public sealed record CreateResult(CreateOutcome Outcome, Dossier Dossier);

public enum AppendOutcome { Appended, Duplicate, NotFound, Forbidden }

/// <summary>
/// <see cref="Dossier"/> is the dossier after the call (null when not found); <see cref="PreviousStatus"/> its
/// status before (for Forbidden: the status the transition was refused from).
/// </summary>
public sealed record AppendResult(AppendOutcome Outcome, Dossier? Dossier, DossierStatus? PreviousStatus);

/// <summary>Who did what, for the audit chain. The store fills in when, the subject and the hashes.</summary>
public sealed record AuditRecord(string Actor, string Action, string? Details = null);
