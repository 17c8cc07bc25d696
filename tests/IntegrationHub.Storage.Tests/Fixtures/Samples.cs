using System.Text;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Tests.Fixtures;

/// <summary>Sample dossiers and events in the shape DESIGN.md gives.</summary>
public static class Samples
{
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    public const string Agency = "000.00.25.H47";
    public const string Procedure = "1.001612";

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Vn);

    public static DocumentUpload Pdf(string text, string name = "don-de-nghi.pdf")
        => new(name, "application/pdf", Encoding.UTF8.GetBytes("%PDF-1.7\n" + text), null, """{"indication":"TOTAL_PASSED"}""", false);

    public static NewDossier Dossier(string code, DateTimeOffset? receivedAt = null, DateTimeOffset? dueAt = null, string? applicantName = null,
        string agency = Agency, string procedure = Procedure, params DocumentUpload[] documents)
    {
        var received = receivedAt ?? At(11, 28, 9, 30);
        return new NewDossier(code, procedure, agency, received, SubmissionChannel.Online,
            new Applicant(applicantName ?? "Trần Tấn Phú", "054090001234", "0905123456", "phu@example.vn"),
            dueAt ?? received.AddDays(3), "planning-investment", documents.Length > 0 ? documents : [Pdf("content of " + code)]);
    }

    public static NewStatusEvent Event(string id, DossierStatus status, DateTimeOffset at, string official = "Lê Văn An",
        DateTimeOffset? stepDueAt = null, Apology? apology = null)
        => new(id, status, null, at, new Official(official, "Chuyên viên", "Phòng Đăng ký kinh doanh"), "ghi chú", stepDueAt, apology, null);

    public static OutboxMessage Outbox(string code, string? messageId = null)
        => new(messageId ?? $"{code}:submit", "planning-investment", $$"""{"code":"{{code}}"}""");

    public static readonly AuditRecord Portal = new("portal", "dossier.created");
    public static AuditRecord EventAudit(string system = "planning-investment") => new(system, "dossier.event");

    /// <summary>Core's state machine, as the host passes it.</summary>
    public static bool IsAllowed(DossierStatus? from, DossierStatus to) => StatusTransitions.IsAllowed(from, to);
}
