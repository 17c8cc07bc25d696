using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Browser;

/// <summary>The public page in Chromium: the table shows what /api/v1/public/stats answers, the lookup shows no personal data.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPageTests(BrowserFixture browser, TestHub hub) : IClassFixture<TestHub>
{
    private const string Period = "from=2026-11-01&to=2026-12-31";
    private static readonly string[] Fields = ["received", "resolvedEarly", "resolvedOnTime", "resolvedLate", "inProgressOnTime", "inProgressOverdue"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<TestHub, LateScenario> Seeded = [];

    /// <summary><see cref="LateScenario"/> (four dossiers of 000.00.25.H47) plus one open dossier of a ward and one of Sở Công Thương.</summary>
    private async Task<LateScenario> SeedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Seeded.TryGetValue(hub, out var done)) return done;
            var s = await LateScenario.SeedAsync(hub);
            var ward = Submissions.Valid(Submissions.NextCode("000.30.20.H47"), procedure: "1.000894", agency: "000.30.20.H47");
            ward["receivedAt"] = "2026-12-01T09:00:00+07:00";
            Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(ward)).StatusCode);
            var trade = Submissions.Valid(Submissions.NextCode("000.00.19.H47"), procedure: "2.000131", agency: "000.00.19.H47");
            Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(trade)).StatusCode);
            return Seeded[hub] = s;
        }
        finally { Gate.Release(); }
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Every agency row and the total row against the API's groups (the total with the API's own formula).</summary>
    private async Task AssertTableEqualsApiAsync(IPage page)
    {
        var api = await (await hub.Client().GetAsync($"/api/v1/public/stats?{Period}&groupBy=agency")).Json();
        var groups = api.GetProperty("groups").EnumerateArray().ToList();
        Assert.True(groups.Count >= 3, api.ToString());
        Assert.Equal(groups.Count, await page.Locator("#stats tbody tr[data-agency]").CountAsync());
        foreach (var g in groups)
        {
            var row = page.Locator($"#stats tbody tr[data-agency='{g.GetProperty("key").GetString()}']");
            foreach (var f in Fields)
                Assert.Equal(g.GetProperty(f).GetInt64().ToString(CultureInfo.InvariantCulture), await row.Locator($"[data-field={f}]").InnerTextAsync());
            Assert.Equal(Percent(g.GetProperty("onTimeRate").GetDouble()), await row.Locator("[data-field=onTimeRate]").InnerTextAsync());
        }
        var total = page.Locator("#stats tbody tr.total");
        var sums = Fields.ToDictionary(f => f, f => groups.Sum(g => g.GetProperty(f).GetInt64()));
        foreach (var f in Fields) Assert.Equal(sums[f].ToString(CultureInfo.InvariantCulture), await total.Locator($"[data-field={f}]").InnerTextAsync());
        var rate = Math.Round((double)(sums["resolvedEarly"] + sums["resolvedOnTime"] + sums["inProgressOnTime"]) / sums["received"], 4);
        Assert.Equal(Percent(rate), await total.Locator("[data-field=onTimeRate]").InnerTextAsync());
    }

    [RequiresChromiumFact]
    public async Task Table_shows_the_stats_api_numbers_in_Vietnamese_then_in_English()
    {
        await SeedAsync();
        var page = await browser.NewPageAsync(hub.BaseAddress);
        page.SetDefaultTimeout(LeadersPageTests.Patience);
        await page.GotoAsync($"/?{Period}");
        await page.Locator("#stats tbody tr.total").WaitForAsync();
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Tiếp nhận", await page.Locator("#stats thead th").Nth(1).InnerTextAsync());
        await AssertTableEqualsApiAsync(page);

        // A hand check that the columns are the right ones: the scenario's agency has 4 received, 1 early, 1 late, 2 overdue.
        var h47 = page.Locator("#stats tbody tr[data-agency='000.00.25.H47']");
        Assert.Equal(["4", "1", "0", "1", "0", "2"], await Task.WhenAll(Fields.Select(f => h47.Locator($"[data-field={f}]").InnerTextAsync())));
        Assert.Equal(3 * await page.Locator("#stats tbody tr[data-agency]").CountAsync(), await page.Locator("#chart svg rect").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "public-vi");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("true", await page.GetAttributeAsync("#lang-en", "aria-pressed"));
        Assert.Equal("Received", await page.Locator("#stats thead th").Nth(1).InnerTextAsync());
        Assert.Equal("Look up a dossier", await page.Locator("#lookup-h").InnerTextAsync());
        await AssertTableEqualsApiAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "public-en");

        // The choice is remembered on the next visit.
        await page.ReloadAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }

    [RequiresChromiumFact]
    public async Task Lookup_by_code_shows_status_and_dates_and_no_personal_data()
    {
        var s = await SeedAsync();
        var page = await browser.NewPageAsync(hub.BaseAddress);
        page.SetDefaultTimeout(LeadersPageTests.Patience);
        await page.GotoAsync($"/?{Period}&lang=vi");
        await page.GetByLabel("Mã hồ sơ").FillAsync(s.Overdue);
        await page.Keyboard.PressAsync("Enter");
        var result = page.Locator("#lookup-result dl");
        await result.WaitForAsync();
        Assert.Equal(s.Overdue, await result.Locator("[data-field=codeLabel]").InnerTextAsync());
        Assert.Equal("4 — Đang xử lý", await result.Locator("[data-field=status]").InnerTextAsync());
        Assert.Contains("30/11/2026", await result.Locator("[data-field=receivedAt]").InnerTextAsync());
        Assert.Contains("9/12/2026", await result.Locator("[data-field=dueAt]").InnerTextAsync()); // the date the apology promised
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var personal in new[] { "Trần Tấn Phú", Submissions.CitizenId, "0905123456", "phu@example.vn", "Lê Văn An", "don-de-nghi" })
            Assert.DoesNotContain(personal, text);
        await BrowserFixture.ScreenshotAsync(page, "public-lookup");

        await page.GetByLabel("Mã hồ sơ").FillAsync("000.00.25.H47-261130-9999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#lookup-result .error")).ToHaveTextAsync("Không tìm thấy hồ sơ với mã này.");
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_the_page_fits_the_screen_and_the_table_scrolls_inside_its_box()
    {
        await SeedAsync();
        var page = await browser.NewPageAsync(hub.BaseAddress, phone: true);
        page.SetDefaultTimeout(LeadersPageTests.Patience);
        await page.GotoAsync($"/?{Period}&lang=vi");
        await page.Locator("#stats tbody tr.total").WaitForAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a 390 px phone");
        var box = await page.Locator("#code").BoundingBoxAsync();
        Assert.True(box is { Width: > 100 } && box.X + box.Width <= 390, $"the lookup field is off screen: {box?.X}+{box?.Width}");
        await AssertTableEqualsApiAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "public-phone");
    }
}
