using IntegrationHub.Errors;
using IntegrationHub.Extensions;

namespace IntegrationHub.Soap;

/// <summary>
/// SoapCore maps /soap/DossierSync/{methodName}, /soap/DossierSync/$metadata and /soap/DossierSync/mex beside the
/// service and answers them, like methods other than GET and POST, with a 500 ("Service does not support ..."). The
/// contract (contracts/soap/DossierSync.wsdl) is the service at /soap/DossierSync: POST for operations, GET (?wsdl)
/// for the WSDL. Anything else under the path is refused here with a 404 or 405 problem that says where to go.
/// </summary>
public sealed class SoapPathGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var service = SoapExtensions.Path;
        if (!string.Equals(request.Path.Value?.TrimEnd('/'), service, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, 404,
                $"Nothing is served at {request.Path}: the SOAP service is POST {service} (SOAP 1.1) and its WSDL is GET {service}?wsdl.");
            return;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await RefuseAsync(context, 405, $"{request.Method} is not allowed on {service}: POST a SOAP 1.1 envelope, or GET {service}?wsdl.");
            return;
        }
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = Titles.For(status), Type = Titles.TypeFor(status), Detail = detail },
        });
    }
}
