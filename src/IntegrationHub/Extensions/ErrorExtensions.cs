using IntegrationHub.Errors;
using Microsoft.AspNetCore.Http.Json;

namespace IntegrationHub.Extensions;

/// <summary>Every error is application/problem+json (RFC 9457), including binding errors, 404 and 405.</summary>
public static class ErrorExtensions
{
    public static void AddHubErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Title ??= Titles.For(status);
            // The framework's own answers (no route, wrong method, no key, wrong media type...) say why as well.
            context.ProblemDetails.Detail ??= Titles.DetailFor(status, context.HttpContext.Request);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw (and become problem+json above) instead of answering an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // {"code": "a", ..., "code": "b"}: a proxy or log that reads the first and the hub the last would disagree.
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
    }

    public static void UseHubErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Empty error answers (404, 405, 401, 403, 429...) get a problem body.
        app.UseStatusCodePages();
        app.UseMiddleware<UnknownCharsetGuard>();
    }
}
