using IntegrationHub.Signatures.Revocation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The HTTP rules of the revocation clients (survivors of the mutation run on Signatures/Revocation): a failed status is
/// an error, no answer larger than the limit is read whether its length is announced or not, a slow server is given up
/// on after the timeout, and only http(s) URLs are followed.
/// </summary>
public sealed class HttpFetchMutationTests
{
    private static readonly RevocationOptions Small = new() { MaxDownloadBytes = 1000 };

    private static async Task<byte[]> Fetch(ScriptedHttpServer server, RevocationOptions options)
    {
        using var http = new HttpClient();
        return await HttpFetch.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "x.crl")), options, CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_status_is_an_error_naming_it()
    {
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(404, "gone"u8.ToArray()));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Fetch(server, Small));
        Assert.Contains("HTTP 404", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(bool chunked)
    {
        await using var exact = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, Bytes(1000), chunked));
        Assert.Equal(Bytes(1000), await Fetch(exact, Small));

        await using var over = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, Bytes(1001), chunked));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Fetch(over, Small));
        Assert.Contains("more than 1000 bytes", e.Message);
    }

    [Fact]
    public async Task A_large_unannounced_answer_is_cut_off_at_the_limit()
    {
        // Several reads of the 80 KiB buffer: the running total, not one read, is held against the limit.
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, Bytes(300_000), Chunked: true));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Fetch(server, new RevocationOptions { MaxDownloadBytes = 200_000 }));
        Assert.Contains("more than 200000 bytes", e.Message);
        await using var fits = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, Bytes(300_000), Chunked: true));
        Assert.Equal(300_000, (await Fetch(fits, new RevocationOptions { MaxDownloadBytes = 300_000 })).Length);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_given_up_on()
    {
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, Bytes(10), Delay: TimeSpan.FromSeconds(20)));
        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fetch(server, Small with { HttpTimeout = TimeSpan.FromMilliseconds(300) }));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("http://127.0.0.1/pki/ca.crl", true)]
    [InlineData("https://ca.example.vn/ca.crl", true)]
    [InlineData("HTTP://127.0.0.1/x", true)]
    [InlineData("ldap://ldap.example.vn/cn=CA?certificateRevocationList", false)]
    [InlineData("ftp://127.0.0.1/ca.crl", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/pki/ca.crl", false)]
    [InlineData("not a url", false)]
    public void Only_absolute_http_and_https_URLs_are_followed(string url, bool followed) =>
        Assert.Equal(followed, HttpFetch.IsHttpUrl(url));

    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7)).ToArray();
}
