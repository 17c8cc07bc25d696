using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Admin;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Browser;

/// <summary>The admin console in Chromium: overview numbers, the signature validation page, who may not enter.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminConsoleTests(BrowserFixture browser, ConsoleApiTests.ConsoleHub fixture) : IClassFixture<ConsoleApiTests.ConsoleHub>
{
    private readonly TestHub hub = fixture.Hub;

    [RequiresChromiumFact]
    public async Task Admin_signs_in_and_sees_deliveries_by_system_circuits_dead_letters_by_class_and_trust_anchors()
    {
        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, TestHub.AdminKey, returnUrl: "/admin/");
        Assert.EndsWith("/admin/", page.Url);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));

        // The seeded deliveries of ConsoleHub (see ConsoleApiTests).
        var planning = page.Locator("#deliveries tbody tr[data-system='planning-investment']");
        await Assertions.Expect(planning.Locator("td[data-state='dead']")).ToHaveTextAsync("2");
        Assert.Equal("2", await planning.Locator("td[data-state='pending']").InnerTextAsync());
        Assert.Equal("3", await planning.Locator("td[data-state='delivered']").InnerTextAsync());
        Assert.Contains("Đóng", await planning.Locator(".badge").InnerTextAsync());
        Assert.Equal("4", await page.Locator("#deliveries tfoot td[data-state='dead']").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#classes tr[data-class='validation'] td").InnerTextAsync());
        Assert.Equal("/admin/dead-letters.html?system=planning-investment",
            await planning.Locator("td[data-state='dead'] a").GetAttributeAsync("href"));

        // Long-term preservation: the levels from GET /admin/long-term (none augmented in this hub), nothing waiting.
        Assert.Equal("0", await page.Locator("#longterm-levels tr[data-level='B-LT'] td").InnerTextAsync());
        Assert.Equal("0", await page.Locator("#longterm-levels tr[data-level='B-LTA'] td").InnerTextAsync());
        Assert.Equal("Không có việc đang chờ", await page.Locator("#longterm-waiting tbody").InnerTextAsync());

        var anchor = page.Locator("#anchors tbody tr").First;
        Assert.Contains("CN=Test Root CA", await anchor.InnerTextAsync());
        Assert.Contains("còn hiệu lực", await anchor.InnerTextAsync());
        Assert.Equal("/hangfire", await page.GetByRole(AriaRole.Link, new() { Name = "Mở bảng điều khiển Hangfire", Exact = false }).GetAttributeAsync("href"));
        await BrowserFixture.ScreenshotAsync(page, "admin-overview");
        Assert.Equal(200, (await page.APIRequest.GetAsync("/hangfire")).Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("Admin console", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Closed", await planning.Locator(".badge").InnerTextAsync());
        // The staff bar follows the switch too (it kept its first label before).
        Assert.Equal("Sign out", await page.Locator("#staff-bar button").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
        Assert.Equal("Đăng xuất", await page.Locator("#staff-bar button").InnerTextAsync());

        // The phone layout keeps every figure reachable (the table scrolls inside its wrapper, the page does not).
        var phone = await browser.NewPageAsync(hub.BaseAddress, phone: true);
        await BrowserFixture.LoginAsync(phone, TestHub.AdminKey, returnUrl: "/admin/");
        await Assertions.Expect(phone.Locator("#deliveries tbody tr")).ToHaveCountAsync(4);
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "the overview is wider than a phone screen");
        await BrowserFixture.ScreenshotAsync(phone, "admin-overview-phone");
    }

    [RequiresChromiumFact]
    public async Task Held_seals_and_augmentations_are_listed_and_a_dead_letter_is_replayed_from_the_overview()
    {
        var store = hub.Service<HubStore>();
        var later = hub.Service<TimeProvider>().GetUtcNow().AddDays(1);   // far off: no retry runs during the test
        var waiting = "console-held-waiting-" + Guid.NewGuid().ToString("N")[..8];
        var dead = "console-held-dead-" + Guid.NewGuid().ToString("N")[..8];
        await store.HoldSealAsync(waiting, "agency:test", "a.p7s", "application/pkcs7-signature", "lt", "revocation", "http://127.0.0.1:9/ocsp",
            [1], "connection refused", later, kind: HeldKinds.Augment);
        await store.HoldSealAsync(dead, "agency:test", "b.xml", "application/xml", "xades", "timestamp", "http://127.0.0.1:8/tsa",
            [1], "connection refused", later);
        Assert.True(await store.FailHeldSealAsync(dead, "The TSA at 127.0.0.1:8 did not answer: connection refused", null));

        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, TestHub.AdminKey, returnUrl: "/admin/");
        var waitingRow = page.Locator($"#held tr[data-id='{waiting}']");
        await Assertions.Expect(waitingRow).ToHaveCountAsync(1);
        var cells = await waitingRow.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["Gia hạn", "Chờ dữ liệu thu hồi", "127.0.0.1:9", "0"], cells.Take(4));
        Assert.Equal(0, await waitingRow.Locator("button").CountAsync());
        var deadRow = page.Locator($"#held tr[data-id='{dead}']");
        Assert.Equal(["Đóng dấu", "Thư chết", "127.0.0.1:8", "1", "The TSA at 127.0.0.1:8 did not answer: connection refused"],
            (await deadRow.Locator("td").AllInnerTextsAsync()).Take(5));

        await deadRow.GetByRole(AriaRole.Button, new() { Name = $"Gửi lại: {dead}" }).ClickAsync();
        await Assertions.Expect(deadRow.Locator("[role=status]")).ToHaveTextAsync("Đã đưa lại hàng đợi");
        var replayed = await store.GetHeldSealAsync(dead);
        Assert.Equal((HeldSealState.Waiting, 0), (replayed!.State, replayed.Attempts));
        // The overview reloads: the row is waiting again, without a button.
        await Assertions.Expect(page.Locator($"#held tr[data-id='{dead}'][data-status='waiting-for-timestamp']")).ToHaveCountAsync(1);
        var audit = await hub.Service<IAuditLog>().ListEntriesAsync(limit: 1000);
        Assert.Contains(audit, e => e.Action == "seal.requeued" && e.Subject?.Contains(dead) == true && e.Actor.StartsWith("admin:"));
    }

    [RequiresChromiumFact]
    public async Task Validate_page_explains_a_valid_signature_and_a_tampered_document_in_plain_words()
    {
        var work = Directory.CreateTempSubdirectory("hub-validate-").FullName;
        var content = Path.Combine(work, "to-khai.txt");
        var signature = Path.Combine(work, "to-khai.txt.p7s");
        var tampered = Path.Combine(work, "to-khai-sua.txt");
        await File.WriteAllTextAsync(content, "Tờ khai đăng ký khai sinh");
        await File.WriteAllTextAsync(tampered, "Tờ khai đăng ký khai sinh (đã sửa)");
        await Tools.MustRun("openssl", "cms", "-sign", "-binary", "-in", content, "-signer", fixture.Pki.CitizenCertPem,
            "-inkey", fixture.Pki.CitizenKeyPem, "-outform", "DER", "-out", signature, "-md", "sha256");

        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, TestHub.AdminKey, returnUrl: "/admin/validate.html");
        await page.GetByLabel("Kéo thả tệp vào đây, hoặc chọn tệp đã ký").SetInputFilesAsync(content);
        await page.GetByLabel("Chữ ký rời (.p7s)", new() { Exact = false }).SetInputFilesAsync(signature);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra", Exact = true }).ClickAsync();

        var overall = page.Locator("#report-body > .verdict");
        await Assertions.Expect(overall).ToHaveAttributeAsync("data-indication", "TOTAL_PASSED", new() { Timeout = 30_000 });
        Assert.Contains("Chữ ký hợp lệ", await overall.InnerTextAsync());
        var card = page.Locator("article.signature").First;
        Assert.Contains("Trần Tấn Phú", await card.Locator("h3").InnerTextAsync());
        Assert.Contains("CN=Test Root CA", await card.Locator("ol.chain").InnerTextAsync());
        Assert.Contains("không bị thay đổi sau khi ký", await card.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "admin-validate-passed");

        // The tampered content is dropped on the zone (the detached signature stays chosen): it submits by itself.
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(tampered));
        await page.Locator("#drop").EvaluateAsync("""
            (zone, b64) => {
              const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], "to-khai-sua.txt", { type: "text/plain" }));
              zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """, bytes);
        await Assertions.Expect(overall).ToHaveAttributeAsync("data-indication", "TOTAL_FAILED", new() { Timeout = 30_000 });
        var failed = await page.Locator("#report").InnerTextAsync();
        Assert.Contains("Chữ ký không hợp lệ", failed);
        Assert.Contains("Nội dung tài liệu đã bị thay đổi sau khi ký", failed);
        Assert.Contains("HASH_FAILURE", failed);
        Assert.Contains("Chưa xét đến chuỗi chứng thư", failed);
        // The engine's finding is said in Vietnamese too (it writes English), and only English text is marked lang="en".
        var finding = page.Locator("article.signature ul.errors li").First;
        Assert.Matches("^Giá trị băm của '.+' không khớp: dữ liệu đã ký bị thay đổi", await finding.InnerTextAsync());
        Assert.Null(await finding.GetAttributeAsync("lang"));
        await BrowserFixture.ScreenshotAsync(page, "admin-validate-failed");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Contains("The document was changed after it was signed", await page.Locator("#report").InnerTextAsync());
        Assert.Matches("^The digest of '.+' does not match: the signed data was changed", await finding.InnerTextAsync());
        Assert.Equal("en", await finding.GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
    }

    [RequiresChromiumFact]
    public async Task Agency_account_gets_the_403_page_and_anonymous_visits_go_to_login()
    {
        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, TestHub.AgencyKey, returnUrl: "/");
        foreach (var path in new[] { "/admin/", "/admin/dead-letters.html", "/admin/validate.html", "/admin/admin.js" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
        }
        await page.GotoAsync("/admin/");
        Assert.Contains("Không có quyền truy cập", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.Locator("a[href='/']").CountAsync()); // a way back to the public page
        Assert.Equal(403, (await page.APIRequest.GetAsync("/api/v1/admin/console/overview")).Status);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/hangfire")).Status);
        await BrowserFixture.ScreenshotAsync(page, "admin-403");

        var anonymous = await browser.NewPageAsync(hub.BaseAddress);
        foreach (var path in new[] { "/admin/", "/admin/dead-letters.html?system=justice", "/admin/validate.html" })
        {
            await anonymous.GotoAsync(path);
            Assert.EndsWith("/login?returnUrl=" + Uri.EscapeDataString(path), anonymous.Url);
        }
        Assert.Equal(401, (await anonymous.APIRequest.GetAsync("/api/v1/admin/console/overview")).Status);
        var dead = await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(State: DeliveryState.Dead));
        Assert.Equal(4, dead.Total);
    }
}
