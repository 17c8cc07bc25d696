using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Revocation;

/// <summary>CRLs fetched from the certificates' distribution points, served by a loopback HTTP server.</summary>
[Collection(SamplePkiCollection.Name)]
public sealed class CrlDistributionPointTests(SamplePkiFixture f)
{
    private static readonly RevocationOptions DownloadOnly = new() { EnableCrlDownload = true };

    private LoopbackPkiServer Serve() => new(f.Port, new()
    {
        ["root-ca.crl"] = f.Pki.RootCrl,
        ["issuing-ca.crl"] = f.Pki.IssuingCrl,
    });

    [Fact]
    public async Task CRLs_downloaded_from_distribution_points_clear_a_good_certificate_and_revoke_a_revoked_one()
    {
        await using var server = Serve();
        using var http = new HttpClient();
        var validator = f.Validator(DownloadOnly, http: http);

        var good = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow);
        var revoked = await validator.ValidateAsync(f.Cert("revoked"), f.AtNow);

        Assert.Equal(Indication.TotalPassed, good.Indication);
        Assert.Equal(SubIndication.Revoked, revoked.SubIndication);
        Assert.Equal(f.Pki.RevokedAt, revoked.RevokedAt);
        Assert.True(server.HitsOn("issuing-ca.crl") >= 1);
        Assert.True(server.HitsOn("root-ca.crl") >= 1);
    }

    [Fact]
    public async Task Downloaded_CRL_is_cached_by_URL_until_its_nextUpdate()
    {
        await using var server = Serve();
        using var http = new HttpClient();
        var clock = f.Clock();
        var downloader = new CrlDownloader(http, clock, DownloadOnly);
        var url = new Uri(f.BaseUrl, "issuing-ca.crl").AbsoluteUri;

        var first = await downloader.GetAsync(url);
        await downloader.GetAsync(url);
        Assert.Equal(1, server.HitsOn("issuing-ca.crl"));
        Assert.Equal(f.Pki.IssuingCrl, first);

        clock.Advance(TimeSpan.FromDays(366)); // past the CRL's nextUpdate (a year)
        await downloader.GetAsync(url);
        Assert.Equal(2, server.HitsOn("issuing-ca.crl"));
        Assert.Equal(2, downloader.Downloads);
    }

    [Fact]
    public async Task Unreachable_distribution_point_gives_INDETERMINATE_TRY_LATER()
    {
        // Nothing listens on the fixture's port in this test.
        using var http = new HttpClient();
        var result = await f.Validator(DownloadOnly with { HttpTimeout = TimeSpan.FromSeconds(5) }, http: http)
            .ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.TryLater, result.SubIndication);
        Assert.Contains(result.Warnings, w => w.Contains("unavailable"));
    }

    [Fact]
    public async Task Distribution_point_answering_garbage_gives_TRY_LATER_not_an_exception()
    {
        await using var server = new LoopbackPkiServer(f.Port, new()
        {
            ["root-ca.crl"] = f.Pki.RootCrl,
            ["issuing-ca.crl"] = "<html>not a CRL</html>"u8.ToArray(),
        });
        using var http = new HttpClient();
        var result = await f.Validator(DownloadOnly, http: http).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(SubIndication.TryLater, result.SubIndication);
    }
}
