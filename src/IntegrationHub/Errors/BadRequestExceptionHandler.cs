using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Errors;

/// <summary>
/// Turns what ASP.NET Core throws for unreadable requests (malformed JSON, wrong types, body too large, wrong
/// media type) into problem+json with the status it carries. Anything else is a 500 without internals.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, Titles.For(bad.StatusCode), Describe(bad)),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The hub could not complete the request."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        else logger.LogInformation("Bad request on {Path}: {Detail}", context.Request.Path, detail);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = Titles.TypeFor(status) },
        });
    }

    // The JSON reader's message says where the input broke (line, byte); it holds no document content.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}

public static class Titles
{
    public static string For(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        408 => "Request timeout",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        429 => "Too many requests",
        _ => "Error",
    };

    /// <summary>Why, for the answers the framework gives without a word (routing, authorization, body reading).</summary>
    public static string? DetailFor(int status, HttpRequest request) => status switch
    {
        400 => "The request cannot be read.",
        401 => "An API key is required (X-Api-Key header), or a signed-in staff session.",
        403 => "This key or account may not use this route.",
        404 => $"Nothing is served at {request.Path}.",
        405 => $"{request.Method} is not allowed on {request.Path}.",
        413 => "The request body is larger than the hub accepts (Limits:MaxDossierBytes, as base64 JSON).",
        415 => $"The content type '{request.ContentType}' is not accepted here: send application/json.",
        429 => "Too many requests: wait and try again.",
        _ => null,
    };

    public static string TypeFor(int status) => $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
}
