using Microsoft.Playwright;

namespace IntegrationHub.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for all browser tests (driven by Playwright; its own browser download is never
/// used). Tests in the "browser" collection run one after another, each class with its own hub.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return; // the tests skip themselves (RequiresChromiumFact)
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox (CI runs as root); nothing that would reach the internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on the hub. Phone: a 390×844 touch viewport.</summary>
    public async Task<IPage> NewPageAsync(Uri hub, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = hub.ToString(),
            Locale = "vi-VN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real login form with an API key; returns when the landing page has loaded.</summary>
    public static async Task LoginAsync(IPage page, string apiKey, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/login" : "/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Khóa API (API key)").FillAsync(apiKey);
        await page.Locator("form:has(#apiKey) button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a full-page PNG to artifacts/screenshots/NAME.png at the repository root; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot(), "artifacts", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IntegrationHub.sln not found above the test output.");
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>A browser test: skipped, saying so, where Debian's Chromium is not installed (.ci/run installs it).</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath)) Skip = $"needs Chromium at {BrowserFixture.ChromiumPath} (apt-get install chromium)";
    }
}
