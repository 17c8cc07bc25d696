using IntegrationHub.Tests.Login;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>The cheap header and cookie checks of the sweep: the session cookie's flags, and no key echoed back.</summary>
public sealed class SessionCookieTests(SweepHub sweep) : IClassFixture<SweepHub>
{
    [Fact]
    public async Task Session_cookie_is_httponly_strict_and_secure_over_https()
    {
        using var session = new StaffSession(sweep.Hub);
        var login = await session.LoginWithKeyAsync(TestHub.AdminKey);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        // The tests speak plain HTTP on loopback; behind TLS the same policy marks the cookie Secure.
        var options = sweep.Hub.Service<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IntegrationHub.Auth.StaffLogin.CookieScheme);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);
        Assert.True(options.Cookie.HttpOnly);
        Assert.DoesNotContain(TestHub.AdminKey, setCookie);
    }

    [Theory]
    [InlineData(TestHub.AdminKey)]
    [InlineData(TestHub.PlanningKey)]
    [InlineData("not-a-key-but-secret-looking-0123")]
    public async Task Login_page_does_not_echo_the_key_it_was_given(string key)
    {
        using var session = new StaffSession(sweep.Hub);
        var answer = await session.LoginWithKeyAsync(key, returnUrl: "/admin/");
        Assert.DoesNotContain(key, await answer.Content.ReadAsStringAsync());
        Assert.DoesNotContain(key, answer.Headers.Location?.OriginalString ?? "");
    }

    [Fact]
    public async Task Session_route_names_the_caller_but_never_its_key()
    {
        var body = await sweep.Hub.Client(TestHub.PortalKey).GetStringAsync("/api/v1/session");
        Assert.Contains("\"role\":\"portal\"", body);
        Assert.DoesNotContain(TestHub.PortalKey, body);
        Assert.DoesNotContain(IntegrationHub.Auth.ApiKeyRegistry.HashHex(TestHub.PortalKey), body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_pages_are_not_cached_and_refusals_carry_no_page()
    {
        using var session = new StaffSession(sweep.Hub);
        await session.LoginWithKeyAsync(TestHub.AgencyKey);
        var leaders = await session.Http.GetAsync("/leaders/index.html");
        Assert.Equal(HttpStatusCode.OK, leaders.StatusCode);
        Assert.Contains("no-store", leaders.Headers.CacheControl?.ToString());
        var admin = await session.Http.GetAsync("/admin/index.html");
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        var adminHtml = await File.ReadAllTextAsync(Path.Combine(sweep.Hub.Service<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath, "admin", "index.html"));
        Assert.NotEqual(adminHtml, await admin.Content.ReadAsStringAsync());
    }
}
