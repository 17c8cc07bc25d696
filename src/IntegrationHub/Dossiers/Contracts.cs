namespace IntegrationHub.Dossiers;

// The wire shapes of DESIGN.md. Every field is nullable so that a missing field is a validation error
// (400 with the field named), not a binding failure.

public sealed record DossierSubmission(
    string? Code, string? ProcedureCode, string? AgencyCode, string? ReceivedAt, string? Channel,
    ApplicantDto? Applicant, List<DocumentDto?>? Documents);

public sealed record ApplicantDto(string? Name, string? IdNumber, string? Phone, string? Email);

/// <summary>A document: content and detached signature are base64 on the wire, decoded as the JSON is read.</summary>
public sealed record DocumentDto(string? Name, string? MediaType, Base64Bytes? Content, Base64Bytes? DetachedSignature);

public sealed record StatusEventDto(
    string? EventId, int? Status, string? SystemStatus, string? At, OfficialDto? Official, string? Note,
    string? StepDueAt, ApologyDto? Apology, DocumentDto? Result);

public sealed record OfficialDto(string? Name, string? Title, string? Unit);

public sealed record ApologyDto(string? Reason, string? NewDueAt);
