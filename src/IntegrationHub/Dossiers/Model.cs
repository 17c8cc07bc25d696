using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Dossiers;

/// <summary>What the per-procedure signature rule does with an unsigned or not-PASSED document.</summary>
public enum SignatureRule { Flag, Refuse }

/// <summary>A procedure (thủ tục hành chính) as served, with its processing time and routing.</summary>
public sealed record Procedure(
    string Code, string Name, string AgencyCode, ProcessingTime ProcessingTime, ProcessingTime? OnlineProcessingTime,
    string Online, string VerticalSystem, SignatureRule SignatureRule);

public sealed record Agency(string Code, string Name, OfficeHours OfficeHours);

public sealed record Applicant(string Name, string? IdNumber, string? Phone, string? Email);

/// <summary>A stored document: its content lives once by SHA-256; the dossier keeps the rest.</summary>
public sealed record StoredDocument(string Name, string MediaType, long Size, string Sha256, ValidationReport Report, bool Flagged);

public sealed record Official(string? Name, string? Title, string? Unit);

public sealed record Apology(string Reason, DateTimeOffset NewDueAt);

/// <summary>One status change as recorded (history entry).</summary>
public sealed record StatusChange(
    string EventId, DossierStatus Status, string? SystemStatus, DateTimeOffset At, Official? Official, string? Note,
    DateTimeOffset? StepDueAt, Apology? Apology, StoredDocument? Result, string Source);

public sealed record Dossier(
    string Code, string ProcedureCode, string AgencyCode, string VerticalSystem, DateTimeOffset ReceivedAt, string Channel,
    Applicant Applicant, IReadOnlyList<StoredDocument> Documents, DateTimeOffset? DueAt, string ContentHash,
    DossierStatus Status, IReadOnlyList<StatusChange> History)
{
    /// <summary>The due date after the latest apology (the original <see cref="DueAt"/> is kept).</summary>
    public DateTimeOffset? CurrentDueAt => History.LastOrDefault(h => h.Apology is not null)?.Apology?.NewDueAt ?? DueAt;
}
