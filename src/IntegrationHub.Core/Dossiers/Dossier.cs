namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// A dossier (hồ sơ) as the hub keeps it. <see cref="DueAt"/> is the date promised now (an apology moves it);
/// <see cref="OriginalDueAt"/> the date computed at intake, which the statistics judge against after
/// pushing it back by the supplement time (<see cref="EffectiveDueAt"/>).
/// </summary>
public sealed record Dossier(
    string Code,
    string ProcedureCode,
    string AgencyCode,
    DateTimeOffset ReceivedAt,
    SubmissionChannel Channel,
    Applicant Applicant,
    DossierStatus Status,
    DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt,
    DossierTimes Times,
    string? VerticalSystem,
    string SubmissionHash,
    IReadOnlyList<DossierDocument> Documents,
    IReadOnlyList<StatusEvent> History);

/// <summary>
/// What the on-time rules need, kept up to date at every event so statistics are a plain indexed query.
/// <see cref="EndedAt"/> is the time of the first end status in the 766 order (9, then 10, then 8 or 3), and
/// <see cref="EndStatus"/> that status; <see cref="PausedSince"/> is set while a supplement request (status 5) is open.
/// <see cref="DossierProgress"/> folds events into it.
/// </summary>
public sealed record DossierTimes(
    DateTimeOffset? EffectiveDueAt,
    DateTimeOffset? EndedAt,
    DossierStatus? EndStatus,
    int SupplementCount,
    DateTimeOffset? PausedSince)
{
    public static DossierTimes Initial(DateTimeOffset? dueAt) => new(dueAt, null, null, 0, null);
}

/// <summary>The citizen or business who applied. Never log <see cref="IdNumber"/> in full.</summary>
public sealed record Applicant(string Name, string? IdNumber, string? Phone, string? Email)
{
    /// <summary>The ID number with all but its last 4 digits masked, for logs.</summary>
    public string? MaskedIdNumber => IdNumber is null ? null
        : IdNumber.Length <= 4 ? new string('*', IdNumber.Length)
        : new string('*', IdNumber.Length - 4) + IdNumber[^4..];
}
