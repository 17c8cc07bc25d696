using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// Issue 12, slow clients (slowloris): a body or headers trickled over a raw socket to the real Kestrel are cut off by
/// the Limits:* timeouts and minimum rates, nothing is stored, and another client is served meanwhile. The limits are
/// set here so that each case takes seconds and so that Kestrel's defaults (240 B/s after 5 s, headers in 30 s, idle
/// connections 130 s) would not cut these clients off in time: the settings are what is tested.
/// </summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private readonly TestHub hub = new();

    public Task InitializeAsync()
    {
        hub.ExtraSettings.AddRange([
            "--Limits:MinRequestBodyBytesPerSecond=1000", "--Limits:MinRequestBodyGraceSeconds=2",
            "--Limits:RequestHeadersTimeoutSeconds=2", "--Limits:KeepAliveTimeoutSeconds=3",
        ]);
        return hub.InitializeAsync();
    }

    public Task DisposeAsync() => hub.DisposeAsync();

    [Fact]
    public async Task A_body_trickled_below_the_minimum_rate_is_cut_off_stores_nothing_and_others_are_served()
    {
        var code = Submissions.NextCode();
        var body = Encoding.UTF8.GetBytes(Submissions.Valid(code, content: new string('x', 3000)).ToJsonString());
        var before = await StoreSnapshot.TakeAsync(hub.DataDir);
        using var slow = await ConnectAsync();
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {TestHub.PortalKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));

        var clock = Stopwatch.StartNew();
        var answer = ReadUntilClosedAsync(stream);
        var served = false;
        // About 300 bytes a second: below the 1,000 configured, above Kestrel's default 240 (which would take it all).
        const int chunk = 30;
        for (var i = 0; i < body.Length && !answer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30); i += chunk)
        {
            try { await stream.WriteAsync(body.AsMemory(i, Math.Min(chunk, body.Length - i))); }
            catch (IOException) { break; }
            if (i == 5 * chunk && !served)
            {
                // Meanwhile another client is served at once.
                var other = Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/api/v1/public/procedures")).StatusCode);
                Assert.True(other.Elapsed < TimeSpan.FromSeconds(5), $"the other client waited {other.Elapsed}");
                served = true;
            }
            await Task.Delay(100);
        }
        var text = await answer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(body.Length > 3000, "the body must take well over the grace period to trickle");
        Assert.True(served);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"cut off only after {clock.Elapsed} (the body takes over 10 s)");
        Assert.True(text.Length == 0 || text.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), $"expected 408 or a closed connection: {text}");
        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.DataDir));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).StatusCode);
    }

    [Fact]
    public async Task Headers_trickled_are_cut_off_after_the_timeout_and_others_are_served()
    {
        using var slow = await ConnectAsync();
        var stream = slow.GetStream();
        await stream.WriteAsync("GET /api/v1/public/procedures HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray());
        var clock = Stopwatch.StartNew();
        var answer = ReadUntilClosedAsync(stream);
        for (var i = 0; !answer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(20); i++)
        {
            // One header line every 300 ms: each byte arrives in time, the whole never does.
            try { await stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Slow-{i}: {i}\r\n")); }
            catch (IOException) { break; }
            if (i == 2) Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/health/live")).StatusCode);
            await Task.Delay(300);
        }
        var text = await answer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed is { TotalSeconds: >= 1.5 and < 8 }, $"cut off after {clock.Elapsed}, the timeout is 2 s");
        Assert.True(text.Length == 0 || text.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), $"expected 408 or a closed connection: {text}");
        Assert.DoesNotContain("200 OK", text);
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_timeout()
    {
        using var idle = await ConnectAsync();
        var stream = idle.GetStream();
        await stream.WriteAsync("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        var clock = Stopwatch.StartNew();
        var text = await ReadUntilClosedAsync(stream).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.StartsWith("HTTP/1.1 200", text);
        Assert.True(clock.Elapsed is { TotalSeconds: >= 2 and < 10 }, $"closed after {clock.Elapsed}, the keep-alive timeout is 3 s");
    }

    [Fact]
    public void Limits_that_Kestrel_cannot_apply_stop_the_start_with_the_setting_named()
    {
        var failed = Assert.Throws<InvalidOperationException>(() =>
            IntegrationHub.Extensions.HubApplication.Build(["--environment=Testing", $"--Hub:DataDir={Path.Combine(hub.DataDir, "bad-limits")}", "--Limits:MinRequestBodyGraceSeconds=1"]));
        Assert.Contains("Limits:MinRequestBodyGraceSeconds", failed.Message);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port);
        return client;
    }

    /// <summary>Everything the server sends until it closes the connection (or resets it).</summary>
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0) received.Write(buffer, 0, n);
        }
        catch (IOException) { }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
