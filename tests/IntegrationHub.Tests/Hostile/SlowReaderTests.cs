using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// Issue 12, slow readers: a client that asks for a large answer (an 8 MB agency seal) and then reads it a trickle at a
/// time holds a connection and the answer's buffers. Limits:MinResponseBytesPerSecond cuts it off. The client reads
/// about 20 KB a second: well above Kestrel's default minimum (240 B/s), so only the configured 2 MB/s cuts it, and the
/// setting is what is tested. Kestrel gives every write the grace period plus its size at the minimum rate, so with the
/// default the first few megabytes alone would have minutes to be read.
/// </summary>
public sealed class SlowReaderTests : IAsyncLifetime
{
    private readonly TestHub hub = new();

    public Task InitializeAsync()
    {
        var pki = new TestPki(Path.Combine(hub.DataDir, "pki"));
        Environment.SetEnvironmentVariable("HUB_TEST_SEAL_PASSWORD", TestPki.SealPassword);
        hub.ExtraSettings.AddRange([
            $"--Signatures:TrustAnchors:0={pki.RootPem}", $"--Signatures:Seal:P12Path={pki.SealP12}",
            "--Signatures:Seal:PasswordEnv=HUB_TEST_SEAL_PASSWORD",
            "--Limits:MinResponseBytesPerSecond=2000000", "--Limits:MinResponseGraceSeconds=2",
        ]);
        return hub.InitializeAsync();
    }

    public Task DisposeAsync() => hub.DisposeAsync();

    [Fact]
    public async Task A_reader_below_the_minimum_response_rate_is_cut_off_and_others_are_served()
    {
        var content = new byte[6 * 1024 * 1024];
        new Random(12).NextBytes(content);
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["name"] = "ket-qua.bin", ["mediaType"] = "application/octet-stream", ["content"] = Convert.ToBase64String(content),
        }.ToJsonString());

        // A small receive window, so that the answer waits in the hub rather than in this process's socket buffer.
        using var slow = new TcpClient { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/signatures/seal HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {TestHub.AgencyKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body);

        var received = new MemoryStream();
        var buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        var served = false;
        var closed = false;
        // About 20 KB a second for 8 seconds: the whole answer (over 8 MB) would take several minutes at this pace.
        while (clock.Elapsed < TimeSpan.FromSeconds(8) && !closed)
        {
            var n = await ReadSomeAsync(stream, buffer);
            if (n == 0) closed = true;
            received.Write(buffer, 0, n);
            if (!served && clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                var other = Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/api/v1/public/procedures")).StatusCode);
                Assert.True(other.Elapsed < TimeSpan.FromSeconds(5), $"the other client waited {other.Elapsed}");
                served = true;
            }
            await Task.Delay(100);
        }
        // Then read as fast as possible: an answer that was not cut off would now arrive whole.
        var slowPhase = received.Length;
        int read;
        try
        {
            while (!closed && (read = await ReadSomeAsync(stream, buffer).WaitAsync(TimeSpan.FromSeconds(30))) > 0)
                received.Write(buffer, 0, read);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"not cut off: {slowPhase} bytes read slowly, {received.Length} in all, and the connection is still open");
        }

        var text = Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 200", text);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, "the answer's headers arrived");
        var chunked = text[..headerEnd].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        var bodyBytes = received.Length - headerEnd - 4;
        // The seal holds the 6 MB document as base64 (8 MB): well over what arrived before the hub cut the reader off.
        Assert.True(bodyBytes < content.Length, $"{bodyBytes} bytes of the answer arrived (chunked: {chunked}); the whole is over {content.Length * 4 / 3}");
        Assert.True(served);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/health/live")).StatusCode);
    }

    /// <summary>One read: the bytes read, or 0 when the hub closed or reset the connection.</summary>
    private static async Task<int> ReadSomeAsync(NetworkStream stream, byte[] buffer)
    {
        try { return await stream.ReadAsync(buffer); }
        catch (IOException) { return 0; }
    }
}
