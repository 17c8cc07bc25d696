using System.Security;

namespace IntegrationHub.Soap;

/// <summary>
/// /soap/DossierSync speaks SOAP 1.1, whose envelopes travel as text/xml. SoapCore throws on a POST without a content
/// type (a 500) and answers other types with a fault labelled in the request's own type (application/json holding XML).
/// Anything but text/xml is refused here with 415 and a SOAP 1.1 fault that says what to send.
/// </summary>
public sealed class SoapContentTypeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (HttpMethods.IsPost(context.Request.Method) && !string.Equals(mediaType, "text/xml", StringComparison.OrdinalIgnoreCase))
        {
            var reason = $"This service speaks SOAP 1.1: send the envelope as text/xml, not as {(string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType)}.";
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            context.Response.ContentType = "text/xml; charset=utf-8";
            await context.Response.WriteAsync(
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>" +
                $"<faultcode>s:Client.UnsupportedMediaType</faultcode><faultstring>{SecurityElement.Escape(reason)}</faultstring>" +
                "</s:Fault></s:Body></s:Envelope>");
            return;
        }
        await next(context);
    }
}
