using System.Security;
using System.Xml;

namespace IntegrationHub.Soap;

/// <summary>
/// /soap/DossierSync speaks SOAP 1.1, whose envelopes travel as text/xml. SoapCore throws on a POST without a content
/// type (a 500) and answers other types with a fault labelled in the request's own type (application/json holding XML).
/// Anything but text/xml is refused here with 415 and a SOAP 1.1 fault that says what to send. SoapCore also reads a
/// DTD in the envelope (an external entity was resolved into a status event's note): an envelope whose prolog holds a
/// DTD, or does not parse, is refused here with 400 before SoapCore reads it, and so is a SOAPAction that is not
/// exactly one of the contract's actions.
/// </summary>
public sealed class SoapContentTypeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (HttpMethods.IsPost(context.Request.Method) && !string.Equals(mediaType, "text/xml", StringComparison.OrdinalIgnoreCase))
        {
            await FaultAsync(context, 415, "UnsupportedMediaType",
                $"This service speaks SOAP 1.1: send the envelope as text/xml, not as {(string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType)}.");
            return;
        }
        // SOAP 1.1 §6.1.1: a client MUST send SOAPAction; without it (or with "") SoapCore would guess the operation from the body.
        var action = context.Request.Headers["SOAPAction"].ToString().Trim().Trim('"');
        if (HttpMethods.IsPost(context.Request.Method) && string.IsNullOrWhiteSpace(action))
        {
            await FaultAsync(context, 400, "Invalid", "The SOAPAction header is required (the operation's action from the WSDL).");
            return;
        }
        // SoapCore matches an action by its last segment, so another service's ".../UpdateDossierStatus" reached ours.
        if (HttpMethods.IsPost(context.Request.Method) && !DossierSyncActions.All.Contains(action))
        {
            await FaultAsync(context, 400, "Invalid",
                $"The SOAPAction '{(action.Length > 200 ? action[..200] + "…" : action)}' is not an operation of this service: send one of {string.Join(", ", DossierSyncActions.All.Order())}.");
            return;
        }
        if (HttpMethods.IsPost(context.Request.Method) && await PrologProblemAsync(context.Request) is { } problem)
        {
            await FaultAsync(context, 400, "Invalid", problem);
            return;
        }
        await next(context);
    }

    /// <summary>Reads the envelope with DTDs prohibited; null when it is fine (its operation is SoapCore's to read).</summary>
    private static async Task<string?> PrologProblemAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(request.Body, settings);
            // SoapCore takes the first of two bodies and ignores headers it must understand: SOAP 1.1 (§4.2.3, §4.3) refuses both.
            const string envelope = "http://schemas.xmlsoap.org/soap/envelope/";
            var bodies = 0;
            var inHeader = false;
            while (await reader.ReadAsync())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.Depth == 1) { inHeader = reader.LocalName == "Header"; if (reader.LocalName == "Body") bodies++; }
                else if (inHeader && reader.Depth == 2 && reader.GetAttribute("mustUnderstand", envelope) is "1" or "true"
                         && !(reader.LocalName == SoapApiKeyMiddleware.HeaderElement && reader.NamespaceURI == DossierSyncNamespace.Value))
                    return $"The header {reader.LocalName} ({reader.NamespaceURI}) must be understood, and this service does not know it.";
            }
            return bodies > 1 ? "A SOAP envelope has one Body, not several." : null;
        }
        catch (XmlException ex) { return $"The envelope is not well-formed XML or carries a DTD (DTDs and entities are refused): {ex.Message}"; }
        finally { request.Body.Position = 0; }
    }

    private static async Task FaultAsync(HttpContext context, int status, string code, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>" +
            $"<faultcode>s:Client.{code}</faultcode><faultstring>{SecurityElement.Escape(reason)}</faultstring>" +
            "</s:Fault></s:Body></s:Envelope>");
    }
}
