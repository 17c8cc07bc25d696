using System.Text.Json;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Dossiers;

// What the API answers. The public view carries no personal data: no applicant, no documents, no officials.

public sealed record DossierView(
    string Code, string ProcedureCode, string AgencyCode, string? VerticalSystem, DateTimeOffset ReceivedAt, string Channel,
    Applicant Applicant, int Status, string StatusName, DateTimeOffset? DueAt, DateTimeOffset? OriginalDueAt,
    DateTimeOffset? EffectiveDueAt, IReadOnlyList<DocumentView> Documents, IReadOnlyList<HistoryView> History,
    IReadOnlyList<DeliveryView> Deliveries)
{
    /// <summary>
    /// Seals and augmentations held for this dossier that are not done (GET only): while one waits its status says
    /// "waiting-for-timestamp" (or "waiting-for-revocation") and host names the service; a dead letter says "dead-letter".
    /// </summary>
    public IReadOnlyList<Sealing.HeldSealView> HeldSignatures { get; init; } = [];

    /// <param name="longTerm">each document's long-term state by position (GET only); long-term rows are not deliveries and are left out of them</param>
    public static DossierView From(Dossier d, IReadOnlyList<Delivery>? deliveries = null, IReadOnlyDictionary<int, LongTerm.LongTermView>? longTerm = null) => new(d.Code, d.ProcedureCode, d.AgencyCode,
        d.VerticalSystem, d.ReceivedAt, d.Channel.ToWire(), d.Applicant, (int)d.Status, DossierStatusNames.Vietnamese(d.Status), d.DueAt, d.OriginalDueAt,
        d.Times.EffectiveDueAt, d.Documents.Select((doc, i) => DocumentView.From(doc) with { LongTerm = longTerm?.GetValueOrDefault(i) }).ToList(),
        d.History.Select(HistoryView.From).ToList(),
        (deliveries ?? []).Where(r => r.VerticalSystem != Connectors.Delivery.LongTermTarget.Name).Select(DeliveryView.From).ToList());
}

public sealed record DocumentView(string Name, string MediaType, long Size, string Sha256, bool Flagged, JsonElement? Report,
    LongTerm.LongTermView? LongTerm = null)
{
    public static DocumentView From(DossierDocument d) => new(d.Name, d.MediaType, d.Size, d.Sha256, d.Flagged,
        d.SignatureReportJson is null ? null : JsonDocument.Parse(d.SignatureReportJson).RootElement.Clone());
}

public sealed record HistoryView(
    string EventId, int Status, string StatusName, string? SystemStatus, DateTimeOffset At, Official? Official, string? Note,
    DateTimeOffset? StepDueAt, Apology? Apology, DocumentView? Result, DateTimeOffset RecordedAt)
{
    public static HistoryView From(StatusEvent e) => new(e.EventId, (int)e.Status, DossierStatusNames.Vietnamese(e.Status), e.SystemStatus, e.At,
        e.Official, e.Note, e.StepDueAt, e.Apology, e.Result is null ? null : DocumentView.From(e.Result), e.RecordedAt);
}

/// <summary>A delivery to the vertical system (the outbox row), without its payload.</summary>
public sealed record DeliveryView(long Id, string VerticalSystem, string MessageId, string State, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt)
{
    public static DeliveryView From(Delivery d) => new(d.Id, d.VerticalSystem, d.MessageId, d.State.ToString().ToLowerInvariant(),
        d.Attempts, d.NextAttemptAt, d.LastError, d.DeliveredAt);
}

public sealed record PublicDossierView(string Code, int Status, string StatusName, string AgencyCode, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt)
{
    public static PublicDossierView From(Dossier d) =>
        new(d.Code, (int)d.Status, DossierStatusNames.Vietnamese(d.Status), d.AgencyCode, d.ReceivedAt.ToVietnam(), d.DueAt?.ToVietnam());
}
