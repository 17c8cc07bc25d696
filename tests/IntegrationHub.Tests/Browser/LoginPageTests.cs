using System.Text.Json;

namespace IntegrationHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LoginPageTests(BrowserFixture browser, TestHub hub) : IClassFixture<TestHub>
{
    [RequiresChromiumFact]
    public async Task Anonymous_admin_visit_lands_on_the_login_form_and_the_key_signs_in()
    {
        var page = await browser.NewPageAsync(hub.BaseAddress);
        await page.GotoAsync("/admin/");
        Assert.EndsWith("/login?returnUrl=%2Fadmin%2F", page.Url);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await BrowserFixture.ScreenshotAsync(page, "login");

        // Back to the public page after signing in (the console's own pages are tested with the console).
        await BrowserFixture.LoginAsync(page, TestHub.AdminKey, returnUrl: "/");
        Assert.Equal(hub.BaseAddress + "", page.Url);
        var session = await page.APIRequest.GetAsync("/api/v1/session");
        Assert.Equal(200, session.Status);
        Assert.Equal("admin", JsonDocument.Parse(await session.TextAsync()).RootElement.GetProperty("role").GetString());
    }

    [RequiresChromiumFact]
    public async Task Wrong_key_shows_the_error_and_stays_signed_out()
    {
        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, "wrong-key");
        Assert.Contains("/login", page.Url);
        Assert.Contains("không đúng", await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).InnerTextAsync());
        Assert.Equal(401, (await page.APIRequest.GetAsync("/api/v1/session")).Status);
        await BrowserFixture.ScreenshotAsync(page, "login-refused");
    }
}
