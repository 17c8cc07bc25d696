namespace IntegrationHub.Core.Ports;

/// <summary>
/// The audit log: a hash chain where each entry's hash is SHA-256 over its canonical fields and the previous
/// entry's hash, so editing, removing or reordering an entry breaks every hash after it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry outside a dossier write (e.g. an admin action).</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, string? subject, CancellationToken ct = default);

    /// <summary>Entries in chain order, optionally for one subject (a dossier code).</summary>
    Task<IReadOnlyList<AuditEntry>> ListEntriesAsync(string? subject = null, long afterSequence = 0, int limit = 100, CancellationToken ct = default);

    /// <summary>Walks the whole chain and names the first broken entry.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken ct = default);
}

public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Subject,
    string? Details,
    string PreviousHash,
    string Hash);

/// <summary>Ok, or the first entry (<see cref="FirstBrokenSequence"/>) whose hash or link does not hold and why.</summary>
public sealed record AuditVerification(bool Ok, long Entries, long? FirstBrokenSequence, string? Problem);
