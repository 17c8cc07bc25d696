using System.Xml.Linq;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Connectors.Soap;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Systems;

/// <summary>Business registration over SOAP 1.1 (contracts/verticals/planning-investment); statuses are pulled.</summary>
public sealed class PlanningInvestmentConnector(HttpClient http, IOptionsMonitor<VerticalOptions> options, VerticalPipelines pipelines)
    : IVerticalConnector, IStatusPuller
{
    public static readonly XNamespace Ns = "urn:vn:mpi:dkkd:dossier:v1";
    public string System => VerticalSystems.PlanningInvestment;
    private VerticalOptions Options => options.Get(System);

    public Task<DeliveryOutcome> DeliverAsync(DossierMessage m, CancellationToken ct) =>
        ResilientCall.DeliverAsync(pipelines.For(System), async token =>
        {
            var reply = await CallAsync("ReceiveDossier", Body(m, Options.InlineDocuments), token);
            if (reply.Body?.Name != Ns + "ReceiveDossierResponse") return Failure(reply);
            return DeliveryOutcome.Delivered(reply.Body.Element(Ns + "ReceiptNumber")?.Value,
                reply.Body.Element(Ns + "Duplicate")?.Value == "true");
        }, ct);

    public Task<PulledStatus> PullStatusAsync(string dossierCode, CancellationToken ct) =>
        ResilientCall.PullAsync(pipelines.For(System), async token =>
        {
            var reply = await CallAsync("GetDossierStatus", new XElement(Ns + "GetDossierStatus", new XElement(Ns + "DossierCode", dossierCode)), token);
            var b = reply.Body;
            if (b?.Name != Ns + "GetDossierStatusResponse")
            {
                var failure = Failure(reply);
                return PulledStatus.Failed(failure.FailureClass, failure.Error);
            }
            var status = b.Element(Ns + "Status")?.Value ?? "";
            return new PulledStatus(FailureClass.None, status, Options.MapStatus(status),
                DateTimeOffset.TryParse(b.Element(Ns + "ChangedAt")?.Value, out var at) ? at : null,
                b.Element(Ns + "OfficialName")?.Value, b.Element(Ns + "OfficialTitle")?.Value, b.Element(Ns + "Unit")?.Value, null);
        }, ct);

    private async Task<SoapReply> CallAsync(string operation, XElement body, CancellationToken ct)
    {
        var o = Options;
        using var request = SoapClient.Request(o.BaseUrl!, $"{Ns.NamespaceName}/{operation}", body, o.Username, o.Password);
        using var response = await http.SendAsync(request, ct);
        return await SoapClient.ReadAsync(response, ct);
    }

    private DeliveryOutcome Failure(SoapReply reply)
    {
        var code = reply.Fault?.Detail?.Element(Ns + "Code")?.Value;
        var message = reply.Fault?.Message ?? $"HTTP {(int)reply.Status} without a SOAP answer";
        return DeliveryOutcome.Failed(FailureClassifier.Classify(Options, code, reply.Status, reply.Fault?.ClientFault), code, message);
    }

    private static XElement Body(DossierMessage m, bool inline) => new(Ns + "ReceiveDossier",
        new XElement(Ns + "IdempotencyKey", m.IdempotencyKey),
        new XElement(Ns + "MessageId", m.MessageId),
        new XElement(Ns + "DossierCode", m.DossierCode),
        new XElement(Ns + "ProcedureCode", m.ProcedureCode),
        new XElement(Ns + "AgencyCode", m.AgencyCode),
        new XElement(Ns + "ReceivedAt", XmlDate(m.ReceivedAt)),
        m.DueAt is null ? null : new XElement(Ns + "DueAt", XmlDate(m.DueAt.Value)),
        new XElement(Ns + "ApplicantName", m.Applicant.Name),
        new XElement(Ns + "ApplicantIdNumber", m.Applicant.IdNumber),
        new XElement(Ns + "Documents", m.Documents.Select(d => new XElement(Ns + "Document",
            new XElement(Ns + "Name", d.Name),
            new XElement(Ns + "MediaType", d.MediaType),
            new XElement(Ns + "Sha256", d.Sha256),
            d.SignatureIndication is null ? null : new XElement(Ns + "SignatureIndication", d.SignatureIndication),
            inline && d.Content is not null
                ? new XElement(Ns + "Content", Convert.ToBase64String(d.Content))
                : new XElement(Ns + "Link", d.Link ?? "")))));

    internal static string XmlDate(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:sszzz");
}
