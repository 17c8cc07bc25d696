namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// A validated submission as handed to the store: the host has checked the code, procedure, agency and
/// documents, computed <see cref="DueAt"/> and routed it to <see cref="VerticalSystem"/>.
/// </summary>
public sealed record NewDossier(
    string Code,
    string ProcedureCode,
    string AgencyCode,
    DateTimeOffset ReceivedAt,
    SubmissionChannel Channel,
    Applicant Applicant,
    DateTimeOffset? DueAt,
    string? VerticalSystem,
    IReadOnlyList<DocumentUpload> Documents,
    DossierStatus InitialStatus = DossierStatus.Registered);
