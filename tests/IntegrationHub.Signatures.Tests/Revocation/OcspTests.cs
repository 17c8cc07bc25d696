using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Trust;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Revocation;

/// <summary>
/// OCSP against a real `openssl ocsp` responder on 127.0.0.1, reached through the certificates' AIA URL
/// (the loopback server relays /pki/ocsp to it). The issuing CA's CRL is NOT served, so an end entity's
/// status can only come from OCSP; the root's CRL is served for the issuing CA itself.
/// </summary>
[Collection(SamplePkiCollection.Name)]
public sealed class OcspTests(SamplePkiFixture f, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly RevocationOptions Online = new() { EnableOcsp = true, EnableCrlDownload = true };

    private sealed class Setup : IAsyncDisposable
    {
        public required OpensslOcspResponder Responder { get; init; }
        public required LoopbackPkiServer Server { get; init; }
        public HttpClient Http { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Responder.Dispose();
            Http.Dispose();
        }
    }

    private Setup Start(string signer = "ocsp-responder", int minutes = 10)
    {
        var responder = new OpensslOcspResponder(f.Directory, SamplePkiFixture.FreePort(), signer, minutes);
        return new Setup
        {
            Responder = responder,
            Server = new LoopbackPkiServer(f.Port, new() { ["root-ca.crl"] = f.Pki.RootCrl }, responder.Url),
        };
    }

    [RequiresToolFact("openssl")]
    public async Task Good_status_from_openssl_passes_and_is_cached_until_nextUpdate()
    {
        await using var setup = Start();
        var validator = f.Validator(Online, http: setup.Http);

        var first = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow);
        var second = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow);
        output.WriteLine(string.Join("\n", first.Errors.Concat(first.Warnings)));

        Assert.Equal(Indication.TotalPassed, first.Indication);
        Assert.Equal(Indication.TotalPassed, second.Indication);
        Assert.Equal(1, setup.Server.HitsOn("ocsp"));
        Assert.Equal(0, setup.Server.HitsOn("issuing-ca.crl"));
    }

    [RequiresToolFact("openssl")]
    public async Task Revoked_status_from_openssl_is_TOTAL_FAILED_REVOKED_with_the_responder_date()
    {
        await using var setup = Start();
        var result = await f.Validator(Online, http: setup.Http).ValidateAsync(f.Cert("revoked"), f.AtNow);

        Assert.Equal(Indication.TotalFailed, result.Indication);
        Assert.Equal(SubIndication.Revoked, result.SubIndication);
        Assert.Equal(f.Pki.RevokedAt, result.RevokedAt);
        Assert.Contains(result.Errors, e => e.Contains("keyCompromise"));
    }

    [RequiresToolFact("openssl")]
    public async Task Unknown_status_from_openssl_gives_TRY_LATER()
    {
        // Issued by the issuing CA but absent from index.txt: openssl answers "unknown".
        var stranger = SampleCertificateFactory.Issue(f.Pki.IssuingCa, SampleCertificateFactory.Name("Not In The Index"),
            RSA.Create(2048), f.Now.AddDays(-1), f.Now.AddYears(1),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature) { OcspUrl = new Uri(f.BaseUrl, "ocsp").AbsoluteUri });
        await using var setup = Start();

        var result = await f.Validator(Online, http: setup.Http).ValidateAsync(stranger.Certificate, f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.TryLater, result.SubIndication);
        Assert.Contains(result.Errors, e => e.Contains("does not know"));
    }

    [RequiresToolFact("openssl")]
    public async Task Replayed_response_with_another_nonce_is_refused()
    {
        await using var setup = Start();
        var first = await f.Validator(Online, http: setup.Http).ValidateAsync(f.Cert("citizen"), f.AtNow);
        setup.Server.ReplayOcsp = true;

        // A fresh validator has no cache, so it asks again with a new nonce and gets the old answer back.
        var replayed = await f.Validator(Online, http: setup.Http).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.TotalPassed, first.Indication);
        Assert.Equal(SubIndication.TryLater, replayed.SubIndication);
        Assert.Contains(replayed.Warnings, w => w.Contains("nonce"));
    }

    [RequiresToolFact("openssl")]
    public async Task Stale_response_past_its_nextUpdate_is_refused()
    {
        await using var setup = Start(minutes: 1);
        var clock = new FakeTimeProvider(f.Now.AddHours(2)); // openssl's nextUpdate is a minute after its real now

        var result = await f.Validator(Online, clock, setup.Http).ValidateAsync(f.Cert("citizen"), f.At(f.Now.AddHours(2)));

        Assert.Equal(SubIndication.TryLater, result.SubIndication);
        Assert.Contains(result.Warnings, w => w.Contains("stale"));
    }

    [RequiresToolFact("openssl")]
    public async Task Response_signed_by_a_certificate_without_OCSPSigning_is_not_believed()
    {
        await using var setup = Start(signer: "citizen");
        var result = await f.Validator(Online, http: setup.Http).ValidateAsync(f.Cert("agency-seal"), f.AtNow);

        Assert.Equal(SubIndication.TryLater, result.SubIndication);
        Assert.Contains(result.Warnings, w => w.Contains("OCSPSigning"));
    }

    [RequiresToolFact("openssl")]
    public async Task Ecdsa_citizen_is_cleared_by_OCSP()
    {
        await using var setup = Start();
        var result = await f.Validator(Online, http: setup.Http).ValidateAsync(f.Cert("citizen-ecdsa"), f.AtNow);
        Assert.Equal(Indication.TotalPassed, result.Indication);
    }
}
