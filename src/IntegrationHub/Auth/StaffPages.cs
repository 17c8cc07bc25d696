using System.Security.Claims;
using IntegrationHub.Extensions;
using Microsoft.AspNetCore.Antiforgery;

namespace IntegrationHub.Auth;

/// <summary>
/// Guards the staff pages and the cookie session. Pages are static files (wwwroot/admin, wwwroot/leaders), so
/// the gate runs before the static file middleware: nothing but the public page and lookup is served anonymously.
/// </summary>
public static class StaffPages
{
    private static readonly (PathString Prefix, string[] Roles)[] Gates =
    [
        ("/admin", [Roles.Admin]),
        ("/leaders", [Roles.Agency, Roles.Admin]),
    ];

    /// <summary>Anonymous → the login page (with the way back); signed in with another role → 403.</summary>
    public static void UseStaffPageGate(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var gate = Array.Find(Gates, g => ctx.Request.Path.StartsWithSegments(g.Prefix));
        if (gate.Roles is not null)
        {
            if (ctx.User.Identity?.IsAuthenticated != true)
            {
                var back = ctx.Request.Path + ctx.Request.QueryString;
                ctx.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
                return;
            }
            if (!gate.Roles.Any(ctx.User.IsInRole))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.WriteAsync("""
                    <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403</title><link rel="stylesheet" href="/app.css"></head>
                    <body><main><h1>Không có quyền truy cập <span lang="en">(Forbidden)</span></h1>
                    <p>Tài khoản này không được xem trang này. <a href="/login">Đăng nhập bằng tài khoản khác</a> hoặc <a href="/">về trang công khai</a>.</p></main></body></html>
                    """);
                return;
            }
            // Staff pages must not linger in shared caches or the back button after logout.
            ctx.Response.Headers.CacheControl = "no-store";
        }
        await next();
    });

    /// <summary>
    /// A request carried by the session cookie that changes something must prove it comes from our pages
    /// (X-CSRF-TOKEN header or the form field). API-key requests carry no ambient credential and are exempt;
    /// /login checks its own token; Hangfire's dashboard checks the same antiforgery service itself.
    /// </summary>
    public static void UseStaffCsrfCheck(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var method = ctx.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && ctx.User.Identity is ClaimsIdentity { IsAuthenticated: true, AuthenticationType: StaffLogin.CookieScheme }
            && !ctx.Request.Path.StartsWithSegments("/hangfire") && !ctx.Request.Path.StartsWithSegments("/login"))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx))
            {
                await Results.Problem(statusCode: 400, title: "Missing or invalid antiforgery token.",
                    detail: $"Requests made with the session cookie must send the {StaffLogin.CsrfHeader} header from GET /api/v1/session.")
                    .ExecuteAsync(ctx);
                return;
            }
        }
        await next();
    });
}
