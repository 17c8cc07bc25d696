using System.Net.Sockets;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;
using Microsoft.Playwright;

namespace IntegrationHub.Tests.Browser;

/// <summary>
/// Runs alone, after the parallel tests: this hub runs the real Hangfire server (global static state) with the
/// outbox dispatcher and the simulated ministries inside, on a fixed free port the connectors are pointed at.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BulkReplayCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "bulk-replay";
}

[Collection(BulkReplayCollection.Name)]
public sealed class BulkReplayTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Planning = "planning-investment";
    private const int Dossiers = 5;
    private readonly TestHub hub = new();
    private readonly CancellationTokenSource stop = new();
    private volatile bool clockPaused;
    private Task? clock;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath)) return;
        var port = FreePort();
        hub.ExtraSettings.AddRange([
            $"--urls=http://127.0.0.1:{port}",
            "--Simulators:Enabled=true",
            "--Delivery:Hangfire:Server=true", "--Delivery:Dispatcher=true",
            "--Delivery:Hangfire:QueuePollInterval=00:00:00.200", "--Delivery:Hangfire:WorkerCount=4",
            // One attempt: a refused delivery is a dead letter at once. No quick in-call retries, no breaker trips.
            "--Delivery:MaxAttempts=1",
            $"--Verticals:{Planning}:MaxRetryAttempts=0", $"--Verticals:{Planning}:BreakerMinimumThroughput=1000",
            "--Verticals:national-portal:MaxRetryAttempts=0",
        ]);
        await hub.InitializeAsync();
        // The dispatcher polls on the hub's fake clock: move it along in the background (paused when a test needs a still frame).
        clock = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!clockPaused) hub.Time.Advance(TimeSpan.FromSeconds(2));
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    [RequiresChromiumFact]
    public async Task Bulk_replay_from_the_dead_letters_page_empties_them_once_the_ministry_is_back()
    {
        var simulator = hub.Service<SimulatorRuntime>()[Planning];
        simulator.Faults.Options = new FaultOptions { Down = true };
        var portal = hub.Client(TestHub.PortalKey);
        for (var i = 0; i < Dossiers; i++)
            Assert.Equal(HttpStatusCode.Created, (await portal.Submit(Submissions.Valid(Submissions.NextCode()))).StatusCode);
        await WaitFor(async () => await Count(DeliveryState.Dead) == Dossiers, "the deliveries to become dead letters");
        Assert.Equal(0, simulator.Ledger.Count);

        var page = await browser.NewPageAsync(hub.BaseAddress);
        await BrowserFixture.LoginAsync(page, TestHub.AdminKey, returnUrl: "/admin/dead-letters.html?system=" + Planning);
        Assert.Equal(Planning, await page.GetByLabel("Hệ thống").InputValueAsync());
        await Assertions.Expect(page.Locator("#letters tbody tr")).ToHaveCountAsync(Dossiers);
        Assert.Contains($"Tìm thấy {Dossiers} thư chết", await page.Locator("#summary").InnerTextAsync());
        Assert.Contains("Tạm thời", await page.Locator("#letters tbody tr").First.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "admin-dead-letters");

        // The ministry is back. Hold the clock so the page shows the replay before the queue drains.
        simulator.Faults.Options = new FaultOptions();
        clockPaused = true;
        await page.GetByLabel("Lý do", new() { Exact = false }).FillAsync("Hệ thống Bộ KH&ĐT hoạt động trở lại sau sự cố");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi lại các thư chết này" }).ClickAsync();
        await Assertions.Expect(page.Locator("#requeue-text")).ToHaveTextAsync($"{Dossiers} / {Dossiers}");
        await Assertions.Expect(page.Locator("#progress-state")).ToContainTextAsync("đang chờ");
        Assert.Equal("false", await page.Locator("#progress").GetAttributeAsync("data-done"));
        await BrowserFixture.ScreenshotAsync(page, "admin-bulk-replay-progress");

        clockPaused = false;
        await Assertions.Expect(page.Locator("#progress")).ToHaveAttributeAsync("data-done", "true", new() { Timeout = 60_000 });
        Assert.Equal($"{Dossiers} / {Dossiers}", await page.Locator("#drain-text").InnerTextAsync());
        Assert.Contains("Hoàn tất", await page.Locator("#progress-state").InnerTextAsync());
        await Assertions.Expect(page.Locator("#letters tbody tr")).ToHaveCountAsync(0);
        Assert.Contains("Không có thư chết", await page.Locator("#summary").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "admin-bulk-replay-done");

        Assert.Equal(0, await Count(DeliveryState.Dead));
        Assert.Equal(Dossiers, await Count(DeliveryState.Delivered));
        Assert.Equal(Dossiers, simulator.Ledger.Count);
        var audit = await hub.Service<IAuditLog>().ListEntriesAsync(limit: 1000);
        Assert.Contains(audit, e => e.Action == "delivery.replay.started" && e.Details!.Contains("sau sự cố"));
    }

    private async Task<long> Count(DeliveryState state) =>
        (await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(State: state, VerticalSystem: Planning, Limit: 1))).Total;

    private static async Task WaitFor(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a guard against hanging, not a timing assertion
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (clock is not null) await clock;
        if (hub.App is not null) await hub.DisposeAsync();
    }
}
