using IntegrationHub.Storage;

namespace IntegrationHub.Sealing;

/// <summary>
/// A held seal as its caller and admins see it. status: "waiting-for-timestamp" (the retry job will finish it),
/// "sealed" (GET returns the document), "dead-letter" (attempts used up; an admin may replay it).
/// </summary>
public sealed record HeldSealView(
    string Id, string Status, string Name, string Mode, string Step, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Location)
{
    public const string Waiting = "waiting-for-timestamp";
    public const string Sealed = "sealed";
    public const string DeadLetter = "dead-letter";

    public static string StatusOf(HeldSealState state) => state switch
    {
        HeldSealState.Waiting => Waiting,
        HeldSealState.Done => Sealed,
        _ => DeadLetter,
    };

    public static HeldSealView Of(HeldSeal s) => new(s.Id, StatusOf(s.State), s.Name, s.Mode, s.Step, s.Attempts,
        s.State == HeldSealState.Waiting ? s.NextAttemptAt : null, s.LastError, s.CreatedAt, s.CompletedAt, AgencySeal.LocationOf(s.Id));

    public static HeldSealView Of(HeldSealSummary s) => new(s.Id, StatusOf(s.State), s.Name, s.Mode, s.Step, s.Attempts,
        s.State == HeldSealState.Waiting ? s.NextAttemptAt : null, s.LastError, s.CreatedAt, s.CompletedAt, AgencySeal.LocationOf(s.Id));
}
