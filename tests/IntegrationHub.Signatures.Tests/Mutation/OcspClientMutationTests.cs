using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using HubStatus = IntegrationHub.Signatures.Revocation.CertificateStatus;

using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The OCSP client against a responder on 127.0.0.1 that answers each request for its nonce (survivors of the mutation
/// run on Signatures/Revocation): the AIA OCSP URL is the one asked, answers are kept per issuer and serial, the nonce
/// goes out as a non-critical extension, and a certificate naming no responder is a clear error.
/// </summary>
public sealed class OcspClientMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly RSA CaKey = RSA.Create(2048);
    private static readonly X509Certificate2 Ca = MakeCa();
    private static readonly BcCertificate CaBc = DotNetUtilities.FromX509Certificate(Ca);
    private static readonly BigInteger RevokedSerial = BigInteger.ValueOf(0x66);

    private static X509Certificate2 MakeCa()
    {
        var request = new CertificateRequest("CN=OCSP Client CA", CaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(Now.AddYears(-5), Now.AddYears(5));
    }

    private static BcCertificate Leaf(byte serial, X509Extension? aia)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=OCSP Client Leaf {serial}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (aia is not null) request.CertificateExtensions.Add(aia);
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(CaKey, RSASignaturePadding.Pkcs1),
            Now.AddYears(-1), Now.AddYears(1), [serial]);
        return DotNetUtilities.FromX509Certificate(issued);
    }

    private static X509Extension Aia(string[] ocsp, string[]? caIssuers = null) =>
        new X509AuthorityInformationAccessExtension(ocsp, caIssuers ?? [], false);

    /// <summary>The CA answering for itself: good, except for <see cref="RevokedSerial"/>; the request's nonce echoed.</summary>
    private static ScriptedAnswer Respond(byte[] requestDer, TimeProvider clock)
    {
        var request = new OcspReq(requestDer);
        var now = clock.GetUtcNow().UtcDateTime;
        var generator = new BasicOcspRespGenerator(new RespID(CaBc.SubjectDN));
        foreach (var one in request.GetRequestList())
        {
            var id = one.GetCertID();
            Org.BouncyCastle.Ocsp.CertificateStatus? status = id.SerialNumber.Equals(RevokedSerial)
                ? new RevokedStatus(now.AddDays(-2), CrlReason.KeyCompromise) : Org.BouncyCastle.Ocsp.CertificateStatus.Good;
            generator.AddResponse(id, status, now.AddMinutes(-1), now.AddHours(1), null);
        }
        var nonce = request.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, nonce.Value.GetOctets());
            generator.SetResponseExtensions(extensions.Generate());
        }
        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(CaKey).Private), null, now);
        return new ScriptedAnswer(200, new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded());
    }

    [Fact]
    public async Task Answers_are_kept_per_certificate_and_each_request_is_counted()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = new ScriptedHttpServer((_, body) => Respond(body, clock));
        var url = new Uri(server.Url, "ocsp").AbsoluteUri;
        var good = Leaf(0x55, Aia([url]));
        var revoked = Leaf(0x66, Aia([url]));
        using var http = new HttpClient();
        var client = new OcspClient(http, clock, new RevocationOptions());

        var first = await client.CheckAsync(good, CaBc);
        Assert.Equal(HubStatus.Good, first.Status);
        Assert.Equal($"OCSP {url}", first.Source);
        Assert.Equal(1, client.Requests);

        var other = await client.CheckAsync(revoked, CaBc);
        Assert.Equal(HubStatus.Revoked, other.Status);
        Assert.Equal("keyCompromise", other.Reason);
        Assert.Equal(2, client.Requests);

        Assert.Equal(HubStatus.Good, (await client.CheckAsync(good, CaBc)).Status);
        Assert.Equal(2, client.Requests);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_certificate_naming_no_OCSP_responder_is_a_clear_error_and_asks_nobody()
    {
        using var http = new HttpClient();
        var client = new OcspClient(http, new FakeTimeProvider(Now), new RevocationOptions());
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => client.CheckAsync(Leaf(0x55, null), CaBc));
        Assert.Contains("names no OCSP responder", e.Message);
        e = await Assert.ThrowsAsync<InvalidDataException>(() => client.CheckAsync(Leaf(0x55, Aia([], ["http://127.0.0.1:9/ca.crt"])), CaBc));
        Assert.Contains("names no OCSP responder", e.Message);
        Assert.Equal(0, client.Requests);
    }

    [Fact]
    public void The_request_carries_the_nonce_as_a_non_critical_extension()
    {
        // RFC 8954: the nonce extension is not critical (a responder that ignores it still answers).
        byte[] nonce = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        var leaf = Leaf(0x55, null);
        var request = new OcspReq(OcspClient.BuildRequest(leaf, CaBc, nonce));
        var extension = request.RequestExtensions.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        Assert.False(extension.IsCritical);
        Assert.Equal(nonce, Asn1OctetString.GetInstance(Asn1Object.FromByteArray(extension.Value.GetOctets())).GetOctets());
        var id = Assert.Single(request.GetRequestList()).GetCertID();
        Assert.Equal(leaf.SerialNumber, id.SerialNumber);
        Assert.True(id.MatchesIssuer(CaBc));
    }

    [Fact]
    public void Only_http_OCSP_access_descriptions_are_responder_URLs()
    {
        var leaf = Leaf(0x55, Aia(["ldap://ldap.example.vn/ocsp", "http://127.0.0.1/ocsp", "https://ocsp.example.vn/"],
            ["http://127.0.0.1/ca.crt"]));
        Assert.Equal(["http://127.0.0.1/ocsp", "https://ocsp.example.vn/"], OcspClient.ResponderUrls(leaf));
    }

    [Fact]
    public void A_malformed_or_absent_AIA_names_no_responder()
    {
        Assert.Empty(OcspClient.ResponderUrls(Leaf(0x55, new X509Extension("1.3.6.1.5.5.7.1.1", [0x04, 0x01, 0x00], false))));
        Assert.Empty(OcspClient.ResponderUrls(Leaf(0x55, null)));
    }
}
