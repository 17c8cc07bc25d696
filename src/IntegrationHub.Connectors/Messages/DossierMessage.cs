namespace IntegrationHub.Connectors.Messages;

/// <summary>
/// One message for a vertical system about one dossier. <see cref="IdempotencyKey"/> is stable across every
/// retry and replay of the same message, so the ministry can drop repeats (delivery is at-least-once).
/// </summary>
public sealed record DossierMessage
{
    public required string DossierCode { get; init; }
    /// <summary>Unique per message of a dossier (e.g. "submit", "step-3"); never changes on retry.</summary>
    public required string MessageId { get; init; }
    public required string ProcedureCode { get; init; }
    public string? ProcedureName { get; init; }
    public required string AgencyCode { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>"online", "direct" or "postal".</summary>
    public string Channel { get; init; } = "online";
    public required Applicant Applicant { get; init; }
    public IReadOnlyList<DocumentRef> Documents { get; init; } = [];
    /// <summary>The national status (1–10) at the time of the message; the national portal needs it.</summary>
    public int NationalStatus { get; init; } = 2;
    /// <summary>Set for a progress-step message (national portal's tiến độ).</summary>
    public ProgressStep? Step { get; init; }

    public string IdempotencyKey => $"{DossierCode}:{MessageId}";
}

public sealed record Applicant(string Name, string IdNumber);

/// <summary>A document and its signature check; the content goes inline or as a link, per contract.</summary>
public sealed record DocumentRef(string Name, string MediaType, string Sha256, string? SignatureIndication,
    byte[]? Content, string? Link);

/// <summary>One processing step: who (official, title, unit), what, when, and the step's own deadline.</summary>
public sealed record ProgressStep(int Number, string Official, string? Title, string? Unit, string? Action,
    DateTimeOffset At, DateTimeOffset? DueAt, int Status);
