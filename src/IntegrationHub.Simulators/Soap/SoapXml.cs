using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Simulators.Soap;

/// <summary>
/// SOAP 1.1 over HTTP with plain XML: read a request envelope safely (no DTD, no external entities, bounded
/// size) and write response and fault envelopes. The simulators stay independent of any SOAP stack so they
/// speak exactly what contracts/verticals/ says.
/// </summary>
public static class SoapXml
{
    public static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const int MaxChars = 8 * 1024 * 1024;

    /// <summary>The parsed envelope, or null when the body is not a well-formed, safe SOAP 1.1 envelope.</summary>
    public static async Task<XElement?> ReadEnvelopeAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxChars) return null;
        buffer.Position = 0;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxChars,
            Async = false,
        };
        try
        {
            using var reader = XmlReader.Create(buffer, settings);
            var root = XElement.Load(reader);
            return root.Name == Envelope + "Envelope" ? root : null;
        }
        catch (XmlException) { return null; }
    }

    public static XElement? BodyContent(XElement envelope) =>
        envelope.Element(Envelope + "Body")?.Elements().FirstOrDefault();

    public static (string? User, string? Password) UsernameToken(XElement envelope)
    {
        var token = envelope.Element(Envelope + "Header")?.Element(Wsse + "Security")?.Element(Wsse + "UsernameToken");
        return (token?.Element(Wsse + "Username")?.Value, token?.Element(Wsse + "Password")?.Value);
    }

    public static IResult Ok(XElement content) => Xml(200, new XElement(Envelope + "Envelope",
        new XAttribute(XNamespace.Xmlns + "soap", Envelope), new XElement(Envelope + "Body", content)));

    /// <summary>A SOAP 1.1 fault; <paramref name="client"/> says the caller's message is at fault.</summary>
    public static IResult Fault(int httpStatus, bool client, string message, XElement detail) =>
        Xml(httpStatus, new XElement(Envelope + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Envelope),
            new XElement(Envelope + "Body",
                new XElement(Envelope + "Fault",
                    new XElement("faultcode", client ? "soap:Client" : "soap:Server"),
                    new XElement("faultstring", message),
                    new XElement("detail", detail)))));

    public static IResult Xml(int status, XElement root) =>
        Results.Content(root.ToString(SaveOptions.DisableFormatting), "text/xml; charset=utf-8", Encoding.UTF8, status);
}
