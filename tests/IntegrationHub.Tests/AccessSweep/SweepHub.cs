using System.Net.Http.Headers;
using IntegrationHub.Auth;
using IntegrationHub.Tests.Login;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>
/// A caller of the sweep: nobody, a key the hub does not know, a key of a role, or a staff session cookie of a role
/// (signed in at /login with that role's key). <see cref="Role"/> is what the hub should see; null for no one.
/// </summary>
public sealed record SweepCaller(string Name, string? Role, string? ApiKey, bool Cookie)
{
    public bool Authenticates => Role is not null;
    public override string ToString() => Name;
}

/// <summary>
/// The hub every route is swept on: the Development shape (simulators mapped inside), one key per role plus a trade
/// system key and an agency key that names no agency, one dossier per vertical system, and a signed-in admin and leader.
/// </summary>
public sealed class SweepHub : IAsyncLifetime
{
    public const string TradeKey = "test-trade-key-0123456789";
    public const string AgencyWithoutAgencyKey = "test-agency-none-key-0123456789";
    public const string UnknownKey = "test-unknown-key-0123456789";

    public TestHub Hub { get; } = new();

    /// <summary>A dossier per vertical system: planning-investment (agency 000.00.25.H47), trade (000.00.19.H47), justice (000.30.20.H47).</summary>
    public IReadOnlyDictionary<string, string> DossierBySystem { get; private set; } = null!;

    public string PlanningDossier => DossierBySystem["planning-investment"];

    public IReadOnlyList<SweepCaller> Callers { get; } =
    [
        new("anonymous", null, null, false),
        new("unknown key", null, UnknownKey, false),
        new("portal key", Roles.Portal, TestHub.PortalKey, false),
        new("agency key", Roles.Agency, TestHub.AgencyKey, false),
        new("planning vertical key", Roles.Vertical, TestHub.PlanningKey, false),
        new("admin key", Roles.Admin, TestHub.AdminKey, false),
        new("leader session", Roles.Agency, TestHub.AgencyKey, true),
        new("admin session", Roles.Admin, TestHub.AdminKey, true),
    ];

    private readonly Dictionary<string, (string Cookies, string Csrf)> _sessions = [];

    public async Task InitializeAsync()
    {
        Hub.ExtraSettings.AddRange([
            "--Simulators:Enabled=true",
            "--Auth:ApiKeys:6:Name=trade", "--Auth:ApiKeys:6:Role=vertical", "--Auth:ApiKeys:6:System=trade", $"--Auth:ApiKeys:6:Key={TradeKey}",
            "--Auth:ApiKeys:7:Name=agency-none", "--Auth:ApiKeys:7:Role=agency", $"--Auth:ApiKeys:7:Key={AgencyWithoutAgencyKey}",
        ]);
        await Hub.InitializeAsync();
        DossierBySystem = new Dictionary<string, string>
        {
            ["planning-investment"] = await SubmitAsync("000.00.25.H47", Submissions.FlagProcedure),
            ["trade"] = await SubmitAsync("000.00.19.H47", "2.000591"),
            ["justice"] = await SubmitAsync("000.30.20.H47", "1.000894"),
        };
        foreach (var caller in Callers.Where(c => c.Authenticates))
            _sessions[caller.Name] = caller.Cookie ? await SignInAsync(caller.ApiKey!) : await AntiforgeryForKeyAsync(caller.ApiKey!);
    }

    public async Task<string> SubmitAsync(string agency, string procedure)
    {
        var code = Submissions.NextCode(agency);
        var response = await Hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, procedure, agency));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    /// <summary>
    /// A client for the caller that does not follow redirects. A session's cookies go in a fixed Cookie header (not a
    /// cookie jar), so a swept POST /logout does not end the session for the routes after it. Every authenticated
    /// caller sends its antiforgery token (the hub exempts key callers; Hangfire's dashboard does not), so what a
    /// refusal says is the role's answer, not a CSRF check's.
    /// </summary>
    public HttpClient Client(SweepCaller caller)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Hub.BaseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        if (_sessions.TryGetValue(caller.Name, out var session))
        {
            client.DefaultRequestHeaders.Add("Cookie", session.Cookies);
            client.DefaultRequestHeaders.Add(StaffLogin.CsrfHeader, session.Csrf);
        }
        if (!caller.Cookie && caller.ApiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", caller.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private async Task<(string Cookies, string Csrf)> SignInAsync(string key)
    {
        using var session = new StaffSession(Hub);
        var login = await session.LoginWithKeyAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var csrf = await session.CsrfTokenAsync();
        var cookies = session.Cookies.GetCookieHeader(Hub.BaseAddress);
        Assert.Contains("hub.session=", cookies);
        return (cookies, csrf);
    }

    /// <summary>The antiforgery cookie and token GET /api/v1/session hands a key caller, as it does the pages.</summary>
    private async Task<(string Cookies, string Csrf)> AntiforgeryForKeyAsync(string key)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = Hub.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/v1/session")).RootElement;
        return (jar.GetCookieHeader(Hub.BaseAddress), json.GetProperty("antiforgeryToken").GetString()!);
    }

    public Task DisposeAsync() => Hub.DisposeAsync();
}
