using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// CRL downloads (survivors of the mutation run on Signatures/Revocation): a CRL is reused until, not at, its
/// nextUpdate; an answer that is no CRL is a clear error; only full-name http(s) distribution points are followed.
/// </summary>
public sealed class CrlDownloaderMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly RSA CaKey = RSA.Create(2048);

    private static byte[] Crl(DateTimeOffset? nextUpdate)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(new X509Name("CN=Download CA"));
        generator.SetThisUpdate(Now.AddDays(-1).UtcDateTime);
        if (nextUpdate is { } next) generator.SetNextUpdate(next.UtcDateTime);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(CaKey).Private)).GetEncoded();
    }

    private static async Task<(int Downloads, int Requests)> GetTwice(byte[] answer, TimeSpan secondAfter)
    {
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, answer));
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(Now);
        var downloader = new CrlDownloader(http, clock, new RevocationOptions());
        var url = new Uri(server.Url, "ca.crl").AbsoluteUri;
        Assert.Equal(answer, await downloader.GetAsync(url));
        clock.Advance(secondAfter);
        Assert.Equal(answer, await downloader.GetAsync(url));
        return (downloader.Downloads, server.Requests);
    }

    [Fact]
    public async Task A_CRL_is_reused_until_its_nextUpdate_and_fetched_again_at_it()
    {
        var crl = Crl(Now.AddHours(6));
        Assert.Equal((1, 1), await GetTwice(crl, TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1)));
        Assert.Equal((2, 2), await GetTwice(crl, TimeSpan.FromHours(6)));
    }

    [Fact]
    public async Task A_CRL_without_nextUpdate_is_not_kept()
    {
        Assert.Equal((2, 2), await GetTwice(Crl(null), TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n")]
    public async Task An_answer_holding_no_CRL_says_so(string body)
    {
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, System.Text.Encoding.ASCII.GetBytes(body)));
        using var http = new HttpClient();
        var url = new Uri(server.Url, "ca.crl").AbsoluteUri;
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new CrlDownloader(http, new FakeTimeProvider(Now), new RevocationOptions()).GetAsync(url));
        Assert.Contains("did not answer a CRL", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })]
    [InlineData(new byte[] { 0x30, 0x82, 0x01 })]
    [InlineData(new byte[] { 0x04, 0x02, 0x00, 0x00 })]
    public async Task An_answer_that_is_not_a_valid_CRL_says_so(byte[] body)
    {
        await using var server = new ScriptedHttpServer((_, _) => new ScriptedAnswer(200, body));
        using var http = new HttpClient();
        var url = new Uri(server.Url, "ca.crl").AbsoluteUri;
        // Whatever the parser throws, the caller gets the one exception type it treats as "this source failed".
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new CrlDownloader(http, new FakeTimeProvider(Now), new RevocationOptions()).GetAsync(url));
        Assert.Contains("CRL", e.Message);
    }

    [Fact]
    public void Only_full_name_http_distribution_points_are_followed()
    {
        var relative = new DistributionPoint(
            new DistributionPointName(DistributionPointName.NameRelativeToCrlIssuer,
                new DerSet(new DerSequence(X509Name.CN, new DerUtf8String("CRL1")))), null, null);
        var issuerOnly = new DistributionPoint(null, null, new GeneralNames(new GeneralName(new X509Name("CN=Download CA"))));
        var full = new DistributionPoint(new DistributionPointName(new GeneralNames([
            new GeneralName(GeneralName.UniformResourceIdentifier, "ldap://ldap.example.vn/cn=Download%20CA"),
            new GeneralName(GeneralName.UniformResourceIdentifier, "http://127.0.0.1/pki/ca.crl"),
            new GeneralName(GeneralName.DnsName, "ca.example.vn"),
            new GeneralName(GeneralName.UniformResourceIdentifier, "http://127.0.0.1/pki/ca.crl"),
        ])), null, null);
        var certificate = WithExtension(new CrlDistPoint([relative, issuerOnly, full]).GetEncoded());
        Assert.Equal(["http://127.0.0.1/pki/ca.crl"], CrlDownloader.DistributionPointUrls(certificate));
    }

    [Fact]
    public void A_malformed_or_absent_distribution_point_extension_names_no_URL()
    {
        Assert.Empty(CrlDownloader.DistributionPointUrls(WithExtension([0x04, 0x01, 0x00])));
        Assert.Empty(CrlDownloader.DistributionPointUrls(WithExtension(null)));
    }

    private static Org.BouncyCastle.X509.X509Certificate WithExtension(byte[]? crlDistributionPoints)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CDP Leaf", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (crlDistributionPoints is not null) request.CertificateExtensions.Add(new X509Extension("2.5.29.31", crlDistributionPoints, false));
        return DotNetUtilities.FromX509Certificate(request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1)));
    }
}
