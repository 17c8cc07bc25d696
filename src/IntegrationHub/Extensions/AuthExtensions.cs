using IntegrationHub.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Extensions;

/// <summary>
/// Machine clients authenticate with X-Api-Key; people on the staff pages with a session cookie set by /login.
/// One policy scheme picks between them per request, so every route's role policy serves both.
/// </summary>
public static class AuthExtensions
{
    public const string Portal = "portal";
    public const string Reader = "reader";       // portal, agency, admin: read dossiers, validate signatures
    public const string Agency = "agency";
    public const string Vertical = "vertical";
    public const string Reports = "reports";     // agency, admin
    public const string Keeper = "keeper";       // agency, admin: augment signatures for long-term keeping
    public const string Admin = "admin";

    public static void AddHubAuth(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("Auth:ApiKeys").Get<List<ApiKeyOptions>>() ?? [];
        var generated = new List<(string Role, string Key)>();
        if (configured.Count == 0 && builder.Environment.IsDevelopment())
        {
            // Development only: two fresh keys, printed once at start (see PrintDevelopmentKeys).
            foreach (var (role, agency) in new[] { (Roles.Portal, (string?)null), (Roles.Admin, null), (Roles.Agency, DevelopmentAgency) })
            {
                var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
                configured.Add(new ApiKeyOptions { Name = $"dev-{role}", Role = role, Agency = agency, Key = key });
                generated.Add((role, key));
            }
        }
        builder.Services.AddSingleton(ApiKeyRegistry.FromOptions(configured));
        builder.Services.AddSingleton(new DevelopmentKeys(generated));
        var accounts = builder.Configuration.GetSection("Auth:Accounts").Get<List<StaffAccountOptions>>() ?? [];
        builder.Services.AddSingleton(new StaffAccounts(accounts));
        AddSessions(builder);
        builder.Services.AddAuthentication(ApiKeyOrCookie)
            .AddPolicyScheme(ApiKeyOrCookie, "X-Api-Key or session cookie", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : StaffLogin.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(StaffLogin.CookieScheme, o =>
            {
                o.Cookie.Name = "hub.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(builder.Configuration.GetValue("Auth:SessionHours", 8));
                o.SlidingExpiration = true;
                // Routes answer 401/403 like the API-key scheme does; only the page gate redirects to /login.
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Portal, p => p.RequireRole(Roles.Portal))
            .AddPolicy(Reader, p => p.RequireRole(Roles.Portal, Roles.Agency, Roles.Admin))
            .AddPolicy(Agency, p => p.RequireRole(Roles.Agency))
            .AddPolicy(Vertical, p => p.RequireRole(Roles.Vertical))
            .AddPolicy(Reports, p => p.RequireRole(Roles.Agency, Roles.Admin))
            .AddPolicy(Keeper, p => p.RequireRole(Roles.Agency, Roles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }

    /// <summary>The agency whose leader the development agency key stands for (Sở Kế hoạch và Đầu tư in the seed).</summary>
    public const string DevelopmentAgency = "000.00.25.H47";

    private const string ApiKeyOrCookie = "ApiKeyOrCookie";

    private static void AddSessions(WebApplicationBuilder builder)
    {
        // Cookie and antiforgery keys live in the data folder, so sessions survive a restart
        // (nodes sharing a session need a shared folder or a shared key store).
        var dataDir = builder.Configuration["Hub:DataDir"] ?? "./data";
        builder.Services.AddDataProtection()
            .SetApplicationName("IntegrationHub")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = StaffLogin.CsrfHeader;
            o.Cookie.Name = "hub.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    /// <summary>Once listening: the banner with the pages' URLs and the development keys (see <see cref="StartBanner"/>).</summary>
    public static void PrintDevelopmentKeys(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => Console.Out.Write(StartBanner.Text(app)));
}

public sealed record DevelopmentKeys(IReadOnlyList<(string Role, string Key)> Generated);
