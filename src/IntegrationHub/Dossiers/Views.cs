using IntegrationHub.Core.Dossiers;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Dossiers;

// What the API answers. The public view carries no personal data: no applicant, no documents, no officials.

public sealed record DossierView(
    string Code, string ProcedureCode, string AgencyCode, string VerticalSystem, DateTimeOffset ReceivedAt, string Channel,
    Applicant Applicant, int Status, string StatusName, DateTimeOffset? DueAt, DateTimeOffset? CurrentDueAt,
    IReadOnlyList<DocumentView> Documents, IReadOnlyList<HistoryView> History, IReadOnlyList<DeliveryView> Deliveries)
{
    public static DossierView From(Dossier d) => new(d.Code, d.ProcedureCode, d.AgencyCode, d.VerticalSystem, d.ReceivedAt, d.Channel,
        d.Applicant, (int)d.Status, StatusNames.Of(d.Status), d.DueAt, d.CurrentDueAt,
        d.Documents.Select(DocumentView.From).ToList(), d.History.Select(HistoryView.From).ToList(), []);
}

public sealed record DocumentView(string Name, string MediaType, long Size, string Sha256, bool Flagged, ValidationReport Report)
{
    public static DocumentView From(StoredDocument d) => new(d.Name, d.MediaType, d.Size, d.Sha256, d.Flagged, d.Report);
}

public sealed record HistoryView(
    string EventId, int Status, string StatusName, string? SystemStatus, DateTimeOffset At, Official? Official, string? Note,
    DateTimeOffset? StepDueAt, Apology? Apology, DocumentView? Result, string Source)
{
    public static HistoryView From(StatusChange c) => new(c.EventId, (int)c.Status, StatusNames.Of(c.Status), c.SystemStatus, c.At,
        c.Official, c.Note, c.StepDueAt, c.Apology, c.Result is null ? null : DocumentView.From(c.Result), c.Source);
}

/// <summary>Deliveries to the vertical system; filled once delivery exists.</summary>
public sealed record DeliveryView(string Id, string State, int Attempts, DateTimeOffset? LastAttemptAt);

public sealed record PublicDossierView(string Code, int Status, string StatusName, string AgencyCode, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt)
{
    public static PublicDossierView From(Dossier d) =>
        new(d.Code, (int)d.Status, StatusNames.Of(d.Status), d.AgencyCode, d.ReceivedAt.ToVietnam(), d.CurrentDueAt?.ToVietnam());
}

public static class StatusNames
{
    public static string Of(DossierStatus status) => status switch
    {
        DossierStatus.Registered => "Mới đăng ký",
        DossierStatus.Received => "Được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.PaymentRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.Withdrawn => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Resolved => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => status.ToString(),
    };
}
