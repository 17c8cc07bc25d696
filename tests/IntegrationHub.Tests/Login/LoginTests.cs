using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Auth;

namespace IntegrationHub.Tests.Login;

/// <summary>The staff pages' login: who gets in, with what, and what a session cookie may do.</summary>
public sealed class LoginTests : IClassFixture<LoginTests.Hub>
{
    public const string LeaderName = "nguyen.van.a";
    public const string LeaderPassword = "mật-khẩu đủ dài 2026";

    /// <summary>A hub with one configured account (agency leader) besides the API keys.</summary>
    public sealed class Hub : IAsyncLifetime
    {
        public TestHub Inner { get; } = new();
        public async Task InitializeAsync()
        {
            Inner.ExtraSettings.AddRange([
                $"--Auth:Accounts:0:Name={LeaderName}", "--Auth:Accounts:0:Role=agency", "--Auth:Accounts:0:Agency=000.00.25.H47",
                $"--Auth:Accounts:0:PasswordHash={StaffAccounts.Hash(LeaderPassword)}",
            ]);
            await Inner.InitializeAsync();
        }
        public Task DisposeAsync() => Inner.DisposeAsync();
    }

    private readonly TestHub _hub;
    public LoginTests(Hub hub) => _hub = hub.Inner;

    [Theory]
    [InlineData("/admin/", "/login?returnUrl=%2Fadmin%2F")]
    [InlineData("/admin/index.html", "/login?returnUrl=%2Fadmin%2Findex.html")]
    [InlineData("/leaders/dossier.html?code=X", "/login?returnUrl=%2Fleaders%2Fdossier.html%3Fcode%3DX")]
    public async Task Anonymous_visit_to_a_staff_page_is_sent_to_login(string page, string location)
    {
        using var s = new StaffSession(_hub);
        var response = await s.Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Public_page_and_login_page_are_open()
    {
        using var s = new StaffSession(_hub);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/")).StatusCode);
        var login = await s.Http.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"vi\"", html);
        Assert.Contains("<label for=\"apiKey\"", html);
        Assert.Contains("<label for=\"password\"", html);
    }

    [Fact]
    public async Task Admin_key_signs_in_with_a_strict_httponly_cookie_and_goes_back_where_it_came_from()
    {
        using var s = new StaffSession(_hub);
        var response = await s.LoginWithKeyAsync(TestHub.AdminKey, "/admin/deliveries.html?state=dead");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/deliveries.html?state=dead", response.Headers.Location!.OriginalString);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestHub.AdminKey, setCookie);

        var session = JsonDocument.Parse(await s.Http.GetStringAsync("/api/v1/session")).RootElement;
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.Equal("api-key", session.GetProperty("via").GetString());
        // The cookie opens the admin API and the admin pages' gate, like the key would.
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/api/v1/admin/deliveries/counts")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await s.Http.GetAsync("/admin/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Configured_account_signs_in_as_its_agency_and_a_wrong_password_does_not()
    {
        using var wrong = new StaffSession(_hub);
        var refused = await wrong.LoginAsync([new("name", LeaderName), new("password", LeaderPassword + "x")]);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(wrong.SessionCookie);

        using var s = new StaffSession(_hub);
        var response = await s.LoginAsync([new("name", LeaderName.ToUpperInvariant()), new("password", LeaderPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leaders/", response.Headers.Location!.OriginalString);
        var session = JsonDocument.Parse(await s.Http.GetStringAsync("/api/v1/session")).RootElement;
        Assert.Equal("agency", session.GetProperty("role").GetString());
        Assert.Equal("000.00.25.H47", session.GetProperty("agency").GetString());
        Assert.Equal("account", session.GetProperty("via").GetString());
        // A leader passes the leaders' gate but not the admin's, nor the admin API.
        Assert.NotEqual(HttpStatusCode.Redirect, (await s.Http.GetAsync("/leaders/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Http.GetAsync("/admin/")).StatusCode);
        await (await s.Http.GetAsync("/api/v1/admin/deliveries/counts")).AssertProblem(403);
    }

    [Theory]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestHub.PortalKey, HttpStatusCode.Forbidden)]   // machine roles have no pages
    [InlineData(TestHub.PlanningKey, HttpStatusCode.Forbidden)]
    public async Task Keys_that_are_unknown_or_for_machines_do_not_sign_in(string key, HttpStatusCode status)
    {
        using var s = new StaffSession(_hub);
        var response = await s.LoginWithKeyAsync(key);
        Assert.Equal(status, response.StatusCode);
        Assert.Null(s.SessionCookie);
        await (await s.Http.GetAsync("/api/v1/session")).AssertProblem(401);
    }

    [Fact]
    public async Task Login_form_without_its_antiforgery_token_is_refused()
    {
        using var s = new StaffSession(_hub);
        var response = await s.LoginAsync([new("apiKey", TestHub.AdminKey)], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(s.SessionCookie);
    }

    [Theory]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Return_url_to_another_site_is_ignored(string returnUrl)
    {
        using var s = new StaffSession(_hub);
        var response = await s.LoginWithKeyAsync(TestHub.AdminKey, returnUrl);
        Assert.Equal("/admin/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_cookie_request_that_changes_data_needs_the_csrf_header()
    {
        using var s = new StaffSession(_hub);
        await s.LoginWithKeyAsync(TestHub.AdminKey);
        var body = JsonContent.Create(new { reason = "csrf probe", state = "dead" });
        var forged = await s.Http.PostAsync("/api/v1/admin/deliveries/retry", body);
        var problem = await forged.AssertProblem(400);
        Assert.Contains("antiforgery", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);

        var token = await s.CsrfTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Add(StaffLogin.CsrfHeader, token);
        var logout = await s.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        await (await s.Http.GetAsync("/api/v1/session")).AssertProblem(401);
    }

    [Fact]
    public async Task Logout_without_the_token_keeps_the_session()
    {
        using var s = new StaffSession(_hub);
        await s.LoginWithKeyAsync(TestHub.AdminKey);
        await (await s.Http.PostAsync("/logout", null)).AssertProblem(400);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/api/v1/session")).StatusCode);
    }

    [Fact]
    public async Task Api_key_requests_need_no_csrf_token_and_get_401_not_a_redirect()
    {
        await (await _hub.Client().GetAsync("/api/v1/admin/deliveries")).AssertProblem(401);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _hub.Client().GetAsync("/hangfire")).StatusCode);
        var counts = await _hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/deliveries/counts");
        Assert.Equal(HttpStatusCode.OK, counts.StatusCode);
    }

    [Fact]
    public void Password_hashes_verify_only_their_password_and_malformed_ones_are_refused_at_start()
    {
        var hash = StaffAccounts.Hash("secret one");
        Assert.StartsWith("pbkdf2-sha256$210000$", hash);
        Assert.True(StaffAccounts.Verify("secret one", hash));
        Assert.False(StaffAccounts.Verify("secret two", hash));
        Assert.NotEqual(hash, StaffAccounts.Hash("secret one")); // salted
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([new StaffAccountOptions { Name = "x", Role = "admin", PasswordHash = "secret one" }]));
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([new StaffAccountOptions { Name = "x", Role = "portal", PasswordHash = hash }]));
    }
}
