using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Auth;

/// <summary>Authenticates machine clients by the X-Api-Key header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry registry)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrEmpty(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var client = registry.Find(values.ToString());
        if (client is null) return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ToPrincipal(client), SchemeName)));
    }

    public static ClaimsPrincipal ToPrincipal(ApiClient client)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, client.Name), new(ClaimTypes.Role, client.Role) };
        if (client.System is not null) claims.Add(new(HubClaims.System, client.System));
        if (client.Agency is not null) claims.Add(new(HubClaims.Agency, client.Agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}

public static class HubClaims
{
    public const string System = "hub:system";
    public const string Agency = "hub:agency";

    public static string? VerticalSystem(this ClaimsPrincipal user) => user.FindFirst(System)?.Value;
    public static string? AgencyCode(this ClaimsPrincipal user) => user.FindFirst(Agency)?.Value;
}
