using System.Xml.Linq;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Connectors.Soap;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Systems;

/// <summary>
/// Civil status over SOAP 1.1 (contracts/verticals/justice): the dossier's data goes as an XML payload;
/// statuses come back by push to the hub's SOAP service, so there is nothing to pull.
/// </summary>
public sealed class JusticeConnector(HttpClient http, IOptionsMonitor<VerticalOptions> options, VerticalPipelines pipelines)
    : IVerticalConnector
{
    public static readonly XNamespace Ns = "urn:vn:moj:hotich:v1";
    /// <summary>The civil-status form the payload carries.</summary>
    public static readonly XNamespace PayloadNs = "urn:vn:moj:hotich:payload:v1";
    public string System => VerticalSystems.Justice;

    public Task<DeliveryOutcome> DeliverAsync(DossierMessage m, CancellationToken ct) =>
        ResilientCall.DeliverAsync(pipelines.For(System), async token =>
        {
            var o = options.Get(System);
            using var request = SoapClient.Request(o.BaseUrl!, $"{Ns.NamespaceName}/RegisterDossier", Body(m, o.InlineDocuments), o.Username, o.Password);
            using var response = await http.SendAsync(request, token);
            var reply = await SoapClient.ReadAsync(response, token);
            if (reply.Body?.Name == Ns + "RegisterDossierResponse")
                return DeliveryOutcome.Delivered(reply.Body.Element(Ns + "RegistrationNumber")?.Value,
                    reply.Body.Element(Ns + "Duplicate")?.Value == "true");
            var code = reply.Fault?.Detail?.Element(Ns + "ErrorCode")?.Value;
            return DeliveryOutcome.Failed(FailureClassifier.Classify(o, code, reply.Status, reply.Fault?.ClientFault),
                code, reply.Fault?.Message ?? $"HTTP {(int)reply.Status} without a SOAP answer");
        }, ct);

    private static XElement Body(DossierMessage m, bool inline) => new(Ns + "RegisterDossier",
        new XElement(Ns + "IdempotencyKey", m.IdempotencyKey),
        new XElement(Ns + "MessageId", m.MessageId),
        new XElement(Ns + "DossierCode", m.DossierCode),
        new XElement(Ns + "ProcedureCode", m.ProcedureCode),
        new XElement(Ns + "AgencyCode", m.AgencyCode),
        new XElement(Ns + "ReceivedAt", PlanningInvestmentConnector.XmlDate(m.ReceivedAt)),
        new XElement(Ns + "Payload", Payload(m, inline)));

    /// <summary>The dossier as the civil-status form: applicant and documents.</summary>
    private static XElement Payload(DossierMessage m, bool inline) => new(PayloadNs + "HoSoHoTich",
        new XElement(PayloadNs + "NguoiYeuCau",
            new XElement(PayloadNs + "HoTen", m.Applicant.Name),
            new XElement(PayloadNs + "SoDinhDanh", m.Applicant.IdNumber)),
        new XElement(PayloadNs + "GiayTo", m.Documents.Select(d => new XElement(PayloadNs + "TepDinhKem",
            new XAttribute("ten", d.Name), new XAttribute("loai", d.MediaType), new XAttribute("sha256", d.Sha256),
            d.SignatureIndication is null ? null : new XAttribute("chuKySo", d.SignatureIndication),
            inline && d.Content is not null ? Convert.ToBase64String(d.Content) : new XAttribute("lienKet", d.Link ?? "")))));
}
