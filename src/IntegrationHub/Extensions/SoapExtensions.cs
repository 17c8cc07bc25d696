using IntegrationHub.Soap;
using SoapCore;

namespace IntegrationHub.Extensions;

/// <summary>
/// /soap/DossierSync over SoapCore (SOAP 1.1, XmlSerializer). The one seam for SOAP hosting: swap SoapCore here.
/// </summary>
public static class SoapExtensions
{
    public const string Path = "/soap/DossierSync";

    public static void AddHubSoap(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSoapCore();
        builder.Services.AddScoped<IDossierSync, DossierSyncService>();
    }

    public static void MapHubSoap(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch =>
        {
            branch.UseMiddleware<SoapPathGuard>();
            branch.UseMiddleware<SoapContentTypeGuard>();
            branch.UseMiddleware<SoapApiKeyMiddleware>();
        });
        // UseSoapEndpoint is ambiguous on WebApplication: the endpoint-routing overload is the one we want.
        ((IEndpointRouteBuilder)app).UseSoapEndpoint<IDossierSync>(options =>
        {
            options.Path = Path;
            options.EncoderOptions = [new SoapEncoderOptions()];
            options.SoapSerializer = SoapSerializer.XmlSerializer;
            options.IndentWsdl = true;
        });
    }
}
