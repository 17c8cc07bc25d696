namespace IntegrationHub.Storage.Rows;

// Plain rows as Dapper reads them (snake_case columns mapped by name). Integers are long in both databases.
#pragma warning disable CA1812

internal sealed class DossierRow
{
    public string Code { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public string ReceivedAt { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Applicant { get; set; } = "";
    public long Status { get; set; }
    public string? DueAt { get; set; }
    public string? OriginalDueAt { get; set; }
    public string? EffectiveDueAt { get; set; }
    public string? EndedAt { get; set; }
    public long? EndStatus { get; set; }
    public long SupplementCount { get; set; }
    public string? PausedSince { get; set; }
    public string? VerticalSystem { get; set; }
    public string SubmissionHash { get; set; } = "";
}

internal sealed class DocumentRow
{
    public string DossierCode { get; set; } = "";
    public long Position { get; set; }
    public string Name { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string? DetachedSha256 { get; set; }
    public string? Report { get; set; }
    public long Flagged { get; set; }
}

internal sealed class EventRow
{
    public string DossierCode { get; set; } = "";
    public long Seq { get; set; }
    public string EventId { get; set; } = "";
    public long Status { get; set; }
    public string? SystemStatus { get; set; }
    public string At { get; set; } = "";
    public string? OfficialName { get; set; }
    public string? OfficialTitle { get; set; }
    public string? OfficialUnit { get; set; }
    public string? Note { get; set; }
    public string? StepDueAt { get; set; }
    public string? ApologyReason { get; set; }
    public string? ApologyNewDueAt { get; set; }
    public string? Result { get; set; }
    public string RecordedAt { get; set; } = "";
}

internal sealed class OutboxRow
{
    public long Id { get; set; }
    public string DossierCode { get; set; } = "";
    public string VerticalSystem { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string Payload { get; set; } = "";
    public string State { get; set; } = "";
    public long Attempts { get; set; }
    public string NextAttemptAt { get; set; } = "";
    public string? LastError { get; set; }
    public string? ErrorClass { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string? DeliveredAt { get; set; }
    public string? DeliveredBy { get; set; }
}

internal sealed class AuditRow
{
    public long Seq { get; set; }
    public string At { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Subject { get; set; }
    public string? Details { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

internal sealed class StatsRow
{
    public string? GroupKey { get; set; }
    public long Received { get; set; }
    public long ResolvedEarly { get; set; }
    public long ResolvedOnTime { get; set; }
    public long ResolvedLate { get; set; }
    public long InProgressOnTime { get; set; }
    public long InProgressOverdue { get; set; }
}
