using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IntegrationHub.Connectors.Soap;

/// <summary>A SOAP 1.1 fault: the side at fault, the message, and the contract's detail element.</summary>
public sealed record SoapFault(bool ClientFault, string Message, XElement? Detail);

/// <summary>What came back: the body content element or a fault. Null both when the answer was not SOAP.</summary>
public sealed record SoapReply(HttpStatusCode Status, XElement? Body, SoapFault? Fault);

/// <summary>
/// SOAP 1.1 over a typed HttpClient with XML envelopes we write and read ourselves. Chosen over the WCF
/// client (System.ServiceModel.Http) because the resilience pipeline, the per-attempt timeout and the
/// failure classification need the raw HTTP status and fault detail, which a WCF channel turns into
/// exceptions; and because we parse replies with DTDs prohibited and a size bound.
/// </summary>
public static class SoapClient
{
    public static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const int MaxChars = 8 * 1024 * 1024;

    public static HttpRequestMessage Request(string url, string soapAction, XElement body, string? user, string? password)
    {
        XElement? header = user is null ? null : new XElement(Envelope + "Header",
            new XElement(Wsse + "Security", new XAttribute(XNamespace.Xmlns + "wsse", Wsse),
                new XElement(Wsse + "UsernameToken",
                    new XElement(Wsse + "Username", user),
                    new XElement(Wsse + "Password", password ?? ""))));
        var envelope = new XElement(Envelope + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Envelope),
            header, new XElement(Envelope + "Body", body));
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "text/xml"),
        };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{soapAction}\"");
        return request;
    }

    public static async Task<SoapReply> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var root = Parse(text);
        var content = root?.Element(Envelope + "Body")?.Elements().FirstOrDefault();
        if (content is null) return new SoapReply(response.StatusCode, null, null);
        if (content.Name != Envelope + "Fault") return new SoapReply(response.StatusCode, content, null);
        var code = content.Element("faultcode")?.Value ?? "";
        var fault = new SoapFault(
            ClientFault: code.EndsWith(":Client", StringComparison.Ordinal) || code == "Client",
            Message: content.Element("faultstring")?.Value ?? "",
            Detail: content.Element("detail")?.Elements().FirstOrDefault());
        return new SoapReply(response.StatusCode, null, fault);
    }

    private static XElement? Parse(string text)
    {
        if (text.Length == 0 || text.Length > MaxChars) return null;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxChars };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var root = XElement.Load(reader);
            return root.Name == Envelope + "Envelope" ? root : null;
        }
        catch (XmlException) { return null; }
    }
}
