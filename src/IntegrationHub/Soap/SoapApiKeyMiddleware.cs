using System.Xml;
using IntegrationHub.Auth;

namespace IntegrationHub.Soap;

/// <summary>
/// SOAP clients may carry their key as a header element (soap:Header/ApiKey in the service namespace) instead of
/// the X-Api-Key HTTP header. Reads only the envelope's header, without DTDs, and leaves the body for SoapCore.
/// </summary>
public sealed class SoapApiKeyMiddleware(RequestDelegate next, ApiKeyRegistry registry)
{
    public const string HeaderElement = "ApiKey";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.User.Identity?.IsAuthenticated != true)
        {
            context.Request.EnableBuffering();
            var key = await ReadHeaderKeyAsync(context.Request.Body);
            context.Request.Body.Position = 0;
            if (key is not null && registry.Find(key) is { } client)
                context.User = ApiKeyAuthenticationHandler.ToPrincipal(client);
        }
        await next(context);
    }

    private static async Task<string?> ReadHeaderKeyAsync(Stream body)
    {
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(body, settings);
            var depth = -1;
            while (await reader.ReadAsync())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.LocalName == "Body") return null;
                if (reader.LocalName == "Header") depth = reader.Depth;
                else if (depth >= 0 && reader.LocalName == HeaderElement && reader.NamespaceURI == DossierSyncNamespace.Value)
                    return (await reader.ReadElementContentAsStringAsync()).Trim();
            }
        }
        catch (XmlException)
        {
            // SoapCore answers malformed envelopes itself.
        }
        return null;
    }
}
