using IntegrationHub.Auth;
using Microsoft.AspNetCore.Authentication;

namespace IntegrationHub.Extensions;

/// <summary>X-Api-Key authentication and one policy per set of roles the routes accept.</summary>
public static class AuthExtensions
{
    public const string Portal = "portal";
    public const string Reader = "reader";       // portal, agency, admin: read dossiers, validate signatures
    public const string Agency = "agency";
    public const string Vertical = "vertical";
    public const string Reports = "reports";     // agency, admin
    public const string Admin = "admin";

    public static void AddHubAuth(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("Auth:ApiKeys").Get<List<ApiKeyOptions>>() ?? [];
        var generated = new List<(string Role, string Key)>();
        if (configured.Count == 0 && builder.Environment.IsDevelopment())
        {
            // Development only: two fresh keys, printed once at start (see PrintDevelopmentKeys).
            foreach (var role in new[] { Roles.Portal, Roles.Admin })
            {
                var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
                configured.Add(new ApiKeyOptions { Name = $"dev-{role}", Role = role, Key = key });
                generated.Add((role, key));
            }
        }
        builder.Services.AddSingleton(ApiKeyRegistry.FromOptions(configured));
        builder.Services.AddSingleton(new DevelopmentKeys(generated));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Portal, p => p.RequireRole(Roles.Portal))
            .AddPolicy(Reader, p => p.RequireRole(Roles.Portal, Roles.Agency, Roles.Admin))
            .AddPolicy(Agency, p => p.RequireRole(Roles.Agency))
            .AddPolicy(Vertical, p => p.RequireRole(Roles.Vertical))
            .AddPolicy(Reports, p => p.RequireRole(Roles.Agency, Roles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }

    public static void PrintDevelopmentKeys(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<DevelopmentKeys>();
        foreach (var (role, key) in keys.Generated)
            Console.WriteLine($"Development {role} API key (X-Api-Key): {key}");
    }
}

public sealed record DevelopmentKeys(IReadOnlyList<(string Role, string Key)> Generated);
