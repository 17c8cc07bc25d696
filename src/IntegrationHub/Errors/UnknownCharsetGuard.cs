using System.Text;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Errors;

/// <summary>
/// A body declared in a charset .NET does not know ("application/json; charset=hostile-8") makes the JSON reader
/// throw InvalidOperationException, which is a 500 by then. Refused here with 415 before any endpoint reads it.
/// </summary>
public sealed class UnknownCharsetGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) && mediaType.Charset is { HasValue: true } charset
            && !IsKnown(charset.Value!))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = 415, Title = Titles.For(415), Type = Titles.TypeFor(415),
                    Detail = $"The charset '{charset}' is not one the hub reads: send UTF-8.",
                },
            });
            return;
        }
        await next(context);
    }

    private static bool IsKnown(string charset)
    {
        try { return Encoding.GetEncoding(charset.Trim('"')) is not null; }
        catch (ArgumentException) { return false; }
    }
}
