using IntegrationHub.Storage;

namespace IntegrationHub.Sealing;

/// <summary>
/// A held seal or augmentation (kind "seal" or "augment") as its caller, admins and the dossier view see it. status:
/// "waiting-for-timestamp" (the retry job will finish it once the TSA at host answers), "waiting-for-revocation" (an
/// augmentation waiting for the OCSP responder or CRL host at host), "sealed" / "augmented" (GET returns the document),
/// "dead-letter" (attempts used up; an admin may replay it).
/// </summary>
public sealed record HeldSealView(
    string Id, string Kind, string Status, string Name, string Mode, string Step, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Location, string WaitingFor, string Host, string? DossierCode)
{
    public const string Waiting = "waiting-for-timestamp";
    public const string WaitingForRevocation = "waiting-for-revocation";
    public const string Sealed = "sealed";
    public const string Augmented = "augmented";
    public const string DeadLetter = "dead-letter";

    public static string StatusOf(HeldSealState state, string kind, string step) => state switch
    {
        HeldSealState.Waiting => kind == HeldKinds.Augment && step == LongTerm.Levels.Revocation ? WaitingForRevocation : Waiting,
        HeldSealState.Done => kind == HeldKinds.Augment ? Augmented : Sealed,
        _ => DeadLetter,
    };

    public static HeldSealView Of(HeldSeal s) => Of(new HeldSealSummary(s.Id, s.Owner, s.Name, s.Mode, s.Step, s.TsaUrl, s.State, s.Attempts,
        s.NextAttemptAt, s.LastError, s.CreatedAt, s.CompletedAt, s.Kind, s.DossierCode));

    public static HeldSealView Of(HeldSealSummary s) => new(s.Id, s.Kind, StatusOf(s.State, s.Kind, s.Step), s.Name, s.Mode, s.Step, s.Attempts,
        s.State == HeldSealState.Waiting ? s.NextAttemptAt : null, s.LastError, s.CreatedAt, s.CompletedAt,
        s.Kind == HeldKinds.Augment ? HeldAugmentation.LocationOf(s.Id) : AgencySeal.LocationOf(s.Id),
        WaitingForOf(s), Uri.TryCreate(s.TsaUrl, UriKind.Absolute, out var uri) ? uri.Authority : s.TsaUrl, s.DossierCode);

    /// <summary>"timestamp" or "revocation": a seal always waits for its TSA (its step says what the retry does).</summary>
    private static string WaitingForOf(HeldSealSummary s) => s.Kind == HeldKinds.Augment ? s.Step : LongTerm.Levels.Timestamp;
}
