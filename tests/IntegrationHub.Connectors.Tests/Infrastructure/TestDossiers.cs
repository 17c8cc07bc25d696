using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Connectors.Messages;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

public static class TestDossiers
{
    private static int _sequence;

    public static string NewCode() => $"000.00.25.H47-261128-{Interlocked.Increment(ref _sequence):D4}";

    public static DossierMessage Message(string? code = null, string messageId = "submit", string procedure = "1.001612")
    {
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 don de nghi");
        return new DossierMessage
        {
            DossierCode = code ?? NewCode(),
            MessageId = messageId,
            ProcedureCode = procedure,
            ProcedureName = "Cấp chứng chỉ hành nghề",
            AgencyCode = "000.00.25.H47",
            ReceivedAt = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(7)),
            DueAt = new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.FromHours(7)),
            Applicant = new Applicant("Trần Tấn Phú", "054090001234"),
            Documents = [new DocumentRef("don-de-nghi.pdf", "application/pdf",
                Convert.ToHexString(SHA256.HashData(content)), "TOTAL_PASSED", content, null)],
        };
    }
}
