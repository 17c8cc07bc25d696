using IntegrationHub.Storage;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Browser;

/// <summary>The leaders' page in Chromium over <see cref="LateScenario"/>: the list, the drill-down, the phone, who gets in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadersPageTests(BrowserFixture browser, TestHub hub) : IClassFixture<TestHub>
{
    /// <summary>Longer than the fixture's 15 s: the shared CI machine is sometimes loaded far beyond its two cores.</summary>
    internal const float Patience = 45_000;

    private async Task<IPage> SignedInAsync(string key, bool phone = false, string returnUrl = "/leaders/")
    {
        var page = await browser.NewPageAsync(hub.BaseAddress, phone);
        page.SetDefaultTimeout(Patience);
        await page.AddInitScriptAsync("localStorage.setItem('lang', 'vi')");
        await BrowserFixture.LoginAsync(page, key, returnUrl);
        return page;
    }

    [RequiresChromiumFact]
    public async Task Agency_leader_sees_the_late_dossiers_with_official_overrun_step_and_apology_most_late_first()
    {
        var s = await LateScenario.SeedAsync(hub);
        var page = await SignedInAsync(TestHub.AgencyKey);
        Assert.EndsWith("/leaders/", page.Url);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        var rows = page.Locator("#late tbody tr");
        await rows.First.WaitForAsync();

        Assert.Equal([s.Overdue, s.Supplemented, s.ResolvedLate], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)"));
        var first = rows.First;
        var cells = await first.Locator("th, td").AllInnerTextsAsync();
        Assert.Contains(s.Overdue, cells[0]);
        Assert.Contains("Đang quá hạn", cells[0]);
        Assert.StartsWith(LateScenario.ProcedureNameStart, cells[1]);
        Assert.Equal("Phạm Thị Hoa, Trưởng phòng", cells[2]);                         // holds it now
        Assert.Contains("Lê Văn An", cells[3]);                                       // the step that overran
        Assert.Contains("01/12/2026", cells[3]);                                      // its own deadline
        Assert.Contains("03/12/2026", cells[4]);                                      // due date
        Assert.Equal("5 ngày", cells[5]);
        Assert.Contains("09/12/2026", cells[6]);                                      // apology's new date
        Assert.Contains("Chờ xác minh thông tin", cells[6]);
        Assert.Equal("Chưa có", (await rows.Nth(2).Locator("td").AllInnerTextsAsync())[5]);
        Assert.Contains("3 hồ sơ: 2 đang quá hạn, 1 đã giải quyết trễ hạn.", await page.Locator("#summary").InnerTextAsync());

        // The agency is fixed for an agency's leader; the bar says who is signed in.
        Assert.True(await page.GetByLabel("Cơ quan").IsDisabledAsync());
        Assert.Contains("000.00.25.H47", await page.GetByLabel("Cơ quan").InnerTextAsync());
        Assert.Contains("agency", await page.Locator("#staff-bar").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "leaders-list");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("Working days late", await page.Locator("#late thead th").Nth(5).InnerTextAsync());
        Assert.Equal("5 days", (await rows.First.Locator("td").AllInnerTextsAsync())[4]);
        Assert.Equal("Sign out", await page.Locator("#staff-bar button").InnerTextAsync());
    }

    [RequiresChromiumFact]
    public async Task Drill_down_by_keyboard_shows_the_timeline_with_the_overrun_step_and_the_apology()
    {
        var s = await LateScenario.SeedAsync(hub);
        // A seal for the overdue dossier held because its TSA did not answer (first retry far off, so it stays held).
        await hub.Service<HubStore>().HoldSealAsync($"leaders-{s.Overdue}", "agency:test", "Kết quả.xml", "application/xml", "xades", "timestamp",
            "http://127.0.0.1:9/tsa", [1], "connection refused", hub.Service<TimeProvider>().GetUtcNow().AddDays(1), dossierCode: s.Overdue);
        var page = await SignedInAsync(TestHub.AgencyKey);
        await page.Locator($"#late tbody tr[data-code='{s.Overdue}']").WaitForAsync();
        // Enter on the focused link (Playwright focuses it, then presses), as a keyboard user opens it.
        await page.GetByRole(AriaRole.Link, new() { Name = s.Overdue, Exact = true }).PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/leaders/dossier.html?code=" + s.Overdue, StringComparison.Ordinal));
        var steps = page.Locator("#steps li");
        await steps.First.WaitForAsync();

        Assert.Equal(s.Overdue, await page.Locator("#dossier-code").InnerTextAsync());
        Assert.Equal(2, await steps.CountAsync());
        Assert.Equal("overran", await steps.First.GetAttributeAsync("class"));
        Assert.Contains("Quá hạn bước 1 ngày làm việc", await steps.First.InnerTextAsync());
        Assert.Contains("Lê Văn An, Chuyên viên, Phòng Đăng ký kinh doanh", await steps.First.InnerTextAsync());
        Assert.Contains("02/12/2026", await steps.First.InnerTextAsync()); // finished
        Assert.Contains("Đang xử lý quá hạn (5 ngày)", await page.Locator("[data-field=outcome]").InnerTextAsync());
        var apology = await page.Locator("#apologies li").InnerTextAsync();
        Assert.Contains("03/12/2026", apology);   // the date it replaced
        Assert.Contains("09/12/2026", apology);   // the new date
        Assert.Contains("Chờ xác minh thông tin", apology);
        Assert.DoesNotContain("Trần Tấn Phú", await page.Locator("body").InnerTextAsync());
        var held = page.Locator("#signatures li[data-kind=seal]");
        Assert.Equal("Đóng dấu cơ quan · đang chờ dấu thời gian · dịch vụ 127.0.0.1:9", (await held.InnerTextAsync()).Split(" · thử lại lúc")[0]);
        Assert.DoesNotContain("Kết quả.xml", await page.Locator("body").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "leaders-timeline");

        // Back to the list, by keyboard too.
        await page.GetByRole(AriaRole.Link, new() { Name = "← Danh sách hồ sơ trễ hạn" }).PressAsync("Enter");
        await page.Locator("#late tbody tr").First.WaitForAsync();

        // The supplemented dossier's timeline lists the supplement.
        await page.GotoAsync($"/leaders/dossier.html?code={s.Supplemented}");
        Assert.Contains("Thiếu bản sao giấy tờ", await page.Locator("#supplements li").InnerTextAsync());
        Assert.Equal("Không có chữ ký nào đang chờ.", await page.Locator("#signatures li").InnerTextAsync());
    }

    [RequiresChromiumFact]
    public async Task Admin_chooses_the_agency_and_another_agency_cannot_open_the_timeline()
    {
        var s = await LateScenario.SeedAsync(hub);
        var page = await SignedInAsync(TestHub.AdminKey);
        var select = page.GetByLabel("Cơ quan");
        await Assertions.Expect(select.Locator("option")).Not.ToHaveCountAsync(0);
        Assert.False(await select.IsDisabledAsync());
        Assert.True(await select.Locator("option").CountAsync() >= 4);
        await select.SelectOptionAsync("000.00.25.H47");
        await page.Locator($"#late tbody tr[data-code='{s.Overdue}']").WaitForAsync();
        Assert.Contains("agency=000.00.25.H47", page.Url);

        var other = await SignedInAsync(TestHub.OtherAgencyKey, returnUrl: $"/leaders/dossier.html?code={s.Overdue}");
        await Assertions.Expect(other.Locator("#message")).ToHaveTextAsync("Hồ sơ này thuộc cơ quan khác.");
        Assert.True(await other.Locator("#dossier").IsHiddenAsync());
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_each_late_dossier_is_a_card_that_fits_the_screen()
    {
        var s = await LateScenario.SeedAsync(hub);
        var page = await SignedInAsync(TestHub.AgencyKey, phone: true);
        await page.Locator("#late tbody tr").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a 390 px phone");
        var card = await page.Locator($"#late tbody tr[data-code='{s.Overdue}']").BoundingBoxAsync();
        Assert.True(card is { X: >= 0 } && card.X + card.Width <= 390, $"card off screen: {card?.X}+{card?.Width}");
        // Cells are stacked, each with its column's name above it.
        var due = page.Locator($"#late tbody tr[data-code='{s.Overdue}'] td").Nth(3);
        Assert.Equal("\"Hạn xử lý\"", await due.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"));
        Assert.Equal("block", await due.EvaluateAsync<string>("td => getComputedStyle(td).display"));
        await BrowserFixture.ScreenshotAsync(page, "leaders-phone");
    }

    [RequiresChromiumFact]
    public async Task Anonymous_visit_is_sent_to_the_login_form()
    {
        var page = await browser.NewPageAsync(hub.BaseAddress);
        page.SetDefaultTimeout(Patience);
        var response = await page.GotoAsync("/leaders/");
        Assert.Contains("/login?returnUrl=%2Fleaders%2F", page.Url);
        Assert.Equal(200, response!.Status);
        Assert.Equal(1, await page.Locator("#apiKey").CountAsync());
        await page.GotoAsync("/leaders/dossier.html?code=000.00.25.H47-261130-0001");
        Assert.Contains("/login?returnUrl=%2Fleaders%2Fdossier.html", page.Url);
        // The page's data is refused too, not only the page.
        Assert.Equal(401, (await page.APIRequest.GetAsync("/api/v1/reports/late?agency=000.00.25.H47")).Status);
    }
}
