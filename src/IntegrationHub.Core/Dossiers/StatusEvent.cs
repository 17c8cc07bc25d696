namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// One step of a dossier's history as a vertical system reported it. <see cref="EventId"/> is the sender's
/// idempotency key (unique per dossier). <see cref="StepDueAt"/> is the step's own deadline;
/// <see cref="RecordedAt"/> is when the hub stored it.
/// </summary>
public sealed record StatusEvent(
    string EventId,
    DossierStatus Status,
    string? SystemStatus,
    DateTimeOffset At,
    Official? Official,
    string? Note,
    DateTimeOffset? StepDueAt,
    Apology? Apology,
    DossierDocument? Result,
    DateTimeOffset RecordedAt);

/// <summary>The official (cán bộ xử lý) who handled a step.</summary>
public sealed record Official(string Name, string? Title, string? Unit);

/// <summary>An apology with a new date (phiếu xin lỗi và hẹn lại, form 04 of Circular 01/2018/TT-VPCP).</summary>
public sealed record Apology(string Reason, DateTimeOffset NewDueAt);

/// <summary>A status event as handed to the store; the status is already mapped to the national code.</summary>
public sealed record NewStatusEvent(
    string EventId,
    DossierStatus Status,
    string? SystemStatus,
    DateTimeOffset At,
    Official? Official,
    string? Note,
    DateTimeOffset? StepDueAt,
    Apology? Apology,
    DocumentUpload? Result);
