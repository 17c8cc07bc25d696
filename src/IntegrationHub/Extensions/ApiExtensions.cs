using IntegrationHub.Admin;
using IntegrationHub.Apis;

namespace IntegrationHub.Extensions;

/// <summary>The REST API's table of contents.</summary>
public static class ApiExtensions
{
    public static void MapHubApis(this WebApplication app)
    {
        app.MapDossiersApiV1();
        app.MapPublicApiV1();
        app.MapReportsApiV1();
        app.MapSignaturesApiV1();
        app.MapSigningSessionsApiV1();
        app.MapDeliveriesApiV1();
        app.MapConsoleApiV1();
        app.MapLongTermApiV1();
    }
}
