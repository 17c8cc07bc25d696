using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using IntegrationHub.Simulators.Soap;

namespace IntegrationHub.Simulators.Progress;

/// <summary>How the simulated ministries tell the hub about status changes: justice by SOAP, trade by REST.</summary>
public static class HubNotifier
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>UpdateDossierStatus on the hub's /soap/DossierSync (contracts/verticals/justice/hub-callback.md).</summary>
    public static async Task<bool> PushSoapAsync(HttpClient http, SimulatorOptions o, StatusChange c, CancellationToken ct)
    {
        XNamespace ns = o.HubSoapNamespace;
        // Document/literal wrapped, as the hub's SOAP contract serves it: UpdateDossierStatus(dossierCode, statusEvent).
        var body = new XElement(ns + "UpdateDossierStatus",
            new XElement(ns + "dossierCode", c.DossierCode),
            new XElement(ns + "statusEvent",
            new XElement(ns + "EventId", c.EventId("MOJ")),
            new XElement(ns + "SystemStatus", c.SystemStatus),
            new XElement(ns + "At", c.At.ToOffset(Vietnam).ToString("yyyy-MM-ddTHH:mm:sszzz")),
            new XElement(ns + "Official",
                new XElement(ns + "Name", c.OfficialName),
                new XElement(ns + "Title", c.OfficialTitle),
                new XElement(ns + "Unit", c.Unit)),
            c.Note is null ? null : new XElement(ns + "Note", c.Note),
            c.StepDueAt is null ? null : new XElement(ns + "StepDueAt", c.StepDueAt.Value.ToOffset(Vietnam).ToString("yyyy-MM-ddTHH:mm:sszzz"))));
        var envelope = new XElement(SoapXml.Envelope + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", SoapXml.Envelope),
            new XElement(SoapXml.Envelope + "Body", body));

        using var request = new HttpRequestMessage(HttpMethod.Post, o.HubSoapUrl)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        // The action exactly as the hub's WSDL has it (namespace/service/operation): the hub refuses any other.
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{o.HubSoapNamespace}/DossierSync/UpdateDossierStatus\"");
        if (o.HubApiKeyFor(SimulatedSystems.Justice) is { } key) request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>POST {hub}/api/v1/dossiers/{code}/events with the system's own status in systemStatus.</summary>
    public static async Task<bool> CallBackRestAsync(HttpClient http, SimulatorOptions o, StatusChange c, CancellationToken ct)
    {
        var url = $"{o.HubEventsBaseUrl!.TrimEnd('/')}/api/v1/dossiers/{Uri.EscapeDataString(c.DossierCode)}/events";
        var payload = new
        {
            eventId = c.EventId("MOIT"),
            status = (int?)null,
            systemStatus = c.SystemStatus,
            at = c.At.ToOffset(Vietnam),
            official = new { name = c.OfficialName, title = c.OfficialTitle, unit = c.Unit },
            note = c.Note,
            stepDueAt = c.StepDueAt?.ToOffset(Vietnam),
            apology = (object?)null,
            result = (object?)null,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        if (o.HubApiKeyFor(SimulatedSystems.Trade) is { } key) request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request, ct);
        // 409: the hub's state machine refuses this transition; repeating it will not help.
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict;
    }
}
