using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Login;

/// <summary>A browser-like client of the staff pages: keeps cookies, does not follow redirects, posts the login form.</summary>
public sealed partial class StaffSession : IDisposable
{
    public CookieContainer Cookies { get; } = new();
    public HttpClient Http { get; }
    private readonly Uri _base;

    public StaffSession(TestHub hub)
    {
        _base = hub.BaseAddress;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = hub.BaseAddress };
    }

    /// <summary>GET /login, then POST the form with the token it rendered (and its antiforgery cookie).</summary>
    public async Task<HttpResponseMessage> LoginAsync(IEnumerable<KeyValuePair<string, string>> fields, string returnUrl = "", bool withToken = true)
    {
        var page = await Http.GetStringAsync("/login");
        var form = new List<KeyValuePair<string, string>>(fields) { new("returnUrl", returnUrl) };
        if (withToken) form.Add(new("__RequestVerificationToken", TokenField().Match(page).Groups[1].Value));
        return await Http.PostAsync("/login", new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> LoginWithKeyAsync(string key, string returnUrl = "") => LoginAsync([new("apiKey", key)], returnUrl);

    /// <summary>The antiforgery token the pages get from GET /api/v1/session.</summary>
    public async Task<string> CsrfTokenAsync()
    {
        var json = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/session")).RootElement;
        return json.GetProperty("antiforgeryToken").GetString()!;
    }

    public Cookie? SessionCookie => Cookies.GetCookies(_base)["hub.session"];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => Http.Dispose();
}
