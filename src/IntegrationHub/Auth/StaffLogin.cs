using System.Net;
using System.Security.Claims;
using System.Text;
using IntegrationHub.Extensions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace IntegrationHub.Auth;

/// <summary>
/// The staff pages' sign-in: /login takes an API key (agency or admin role) or a configured account and sets a
/// cookie session; /logout ends it; /api/v1/session tells the pages who is signed in and hands them the
/// antiforgery token that every cookie-authenticated POST must carry.
/// </summary>
public static class StaffLogin
{
    public const string CookieScheme = "HubCookie";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    private const string ViaClaim = "hub:via";

    public static void MapStaffLogin(this WebApplication app)
    {
        app.MapGet("/login", (HttpContext ctx, IAntiforgery antiforgery, string? returnUrl) =>
            Page(ctx, antiforgery, returnUrl, error: null, StatusCodes.Status200OK)).ExcludeFromDescription();
        app.MapPost("/login", LoginAsync).ExcludeFromDescription().RequireRateLimiting(RateLimitExtensions.Login);
        app.MapPost("/logout", async (HttpContext ctx) =>
        {
            // Cookie users reach here only with a valid antiforgery token (CookieCsrf runs before endpoints).
            await ctx.SignOutAsync(CookieScheme);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
        app.MapGet("/api/v1/session", (HttpContext ctx, IAntiforgery antiforgery) =>
        {
            var user = ctx.User;
            var tokens = antiforgery.GetAndStoreTokens(ctx);
            return TypedResults.Ok(new SessionView(user.Identity!.Name ?? "", user.FindFirst(ClaimTypes.Role)?.Value ?? "",
                user.AgencyCode(), user.FindFirst(ViaClaim)?.Value ?? "api-key-header", tokens.RequestToken ?? ""));
        }).RequireAuthorization().WithTags("Session").WithSummary("Who is signed in, and the antiforgery token for the pages' POSTs.");
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, IAntiforgery antiforgery, ApiKeyRegistry keys,
        StaffAccounts accounts, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("IntegrationHub.Login");
        if (!ctx.Request.HasFormContentType) return Results.Problem(statusCode: 415, title: "The login form is posted as a form.");
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        try { await antiforgery.ValidateRequestAsync(ctx); }
        catch (AntiforgeryValidationException)
        {
            return Page(ctx, antiforgery, returnUrl, "Phiên đăng nhập đã hết hạn, vui lòng thử lại. (The form expired; try again.)", 400);
        }

        ClaimsPrincipal? principal = null;
        var apiKey = form["apiKey"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        if (apiKey.Length > 0)
        {
            var client = keys.Find(apiKey);
            if (client is { Role: Roles.Agency or Roles.Admin })
                principal = Principal(client.Name, client.Role, client.Agency, "api-key");
            else if (client is not null)
            {
                log.LogWarning("Login refused for client {Client}: role {Role} has no pages", client.Name, client.Role);
                return Page(ctx, antiforgery, returnUrl, "Khóa này không dùng cho trang cán bộ. (This key's role has no pages.)", 403);
            }
        }
        else if (name.Length > 0)
        {
            var account = accounts.Find(name, form["password"].ToString());
            if (account is not null) principal = Principal(account.Name, account.Role, account.Agency, "account");
        }

        if (principal is null)
        {
            log.LogWarning("Login failed from {Address}", ctx.Connection.RemoteIpAddress);
            return Page(ctx, antiforgery, returnUrl, "Thông tin đăng nhập không đúng. (Wrong key, name or password.)", 401);
        }
        await ctx.SignInAsync(CookieScheme, principal);
        log.LogInformation("{User} signed in as {Role}", principal.Identity!.Name, principal.FindFirst(ClaimTypes.Role)!.Value);
        var home = principal.IsInRole(Roles.Admin) ? "/admin/" : "/leaders/";
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : home);
    }

    private static ClaimsPrincipal Principal(string name, string role, string? agency, string via)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(ViaClaim, via) };
        if (agency is not null) claims.Add(new(HubClaims.Agency, agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    /// <summary>Only paths on this site: no scheme, no host, no protocol-relative "//" or "/\".</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext ctx, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var token = antiforgery.GetAndStoreTokens(ctx);
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="vi">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Đăng nhập cán bộ — IntegrationHub</title>
              <link rel="stylesheet" href="/app.css">
            </head>
            <body>
            <header class="bar"><h1>Đăng nhập cán bộ <span lang="en">(Staff sign-in)</span></h1>
              <nav><a href="/">Trang công khai (Public page)</a></nav></header>
            <main class="login">
            """);
        if (error is not null) html.Append($"""<p class="error" role="alert">{e(error)}</p>""");
        foreach (var (legend, fields) in new[]
        {
            ("Tài khoản (Account)", """
                <label for="name">Tên đăng nhập (Name)</label><input id="name" name="name" autocomplete="username" required>
                <label for="password">Mật khẩu (Password)</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                """),
            ("Khóa API (API key)", """
                <label for="apiKey">Khóa API (API key)</label><input id="apiKey" name="apiKey" type="password" autocomplete="off" required>
                """),
        })
        {
            html.Append($"""
                <form method="post" action="/login" class="card">
                  <fieldset><legend>{legend}</legend>
                  {fields}
                  <input type="hidden" name="{e(token.FormFieldName)}" value="{e(token.RequestToken)}">
                  <input type="hidden" name="returnUrl" value="{e(returnUrl)}">
                  <button type="submit">Đăng nhập (Sign in)</button>
                  </fieldset>
                </form>
                """);
        }
        html.Append("</main></body></html>");
        ctx.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}

public sealed record SessionView(string Name, string Role, string? Agency, string Via, string AntiforgeryToken);
