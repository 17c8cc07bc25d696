using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Validation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Signatures.Tests.Timestamps;

/// <summary>
/// A TSA under an intermediate CA that the trust store does not hold: the signature timestamp is traced through the
/// intermediate wherever the file carries it (the token's certificates, or the signature's SignedData.certificates),
/// so the signature is B-T at intake, not B-B. The real path validator, no fakes.
/// </summary>
public sealed class TsaIntermediateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
    private static readonly byte[] Document = SignedFiles.Content;

    private static readonly IssuedCertificate Root = F.Root(F.Name("TSA Intermediate Test Root (TEST ONLY)"), Now.AddDays(-10), Now.AddYears(5), 2048);
    private static readonly IssuedCertificate TsaCa = F.Issue(Root, F.Name("TSA Intermediate Test TSA CA (TEST ONLY)"), RSA.Create(2048),
        Now.AddDays(-5), Now.AddYears(3), new CertificateProfile(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign) { IsCa = true });
    private static readonly IssuedCertificate Tsa = F.Issue(TsaCa, F.Name("TSA Intermediate Test TSA (TEST ONLY)"), RSA.Create(2048),
        Now.AddDays(-1), Now.AddYears(1),
        new CertificateProfile(X509KeyUsageFlags.DigitalSignature) { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true });
    private static readonly IssuedCertificate Signer = F.Issue(Root, F.Name("Trần Tấn Phú (TSA intermediate test)"), RSA.Create(2048),
        Now.AddDays(-1), Now.AddYears(1), new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation));

    private static async Task<SignatureReport> SignAndValidate(IEnumerable<X509Certificate2> tokenChain, IReadOnlyList<X509Certificate2> signatureChain)
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(Tsa.WithKey(), new FakeTimeProvider(Now), chain: tokenChain));
        using var http = new HttpClient();
        using var key = Signer.WithKey();
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, key,
            new SigningParameters(Now, HashAlgorithmName.SHA256, signatureChain, WithTimestamp: true), new TimestampClient(http, tsa.Url));
        var time = new FakeTimeProvider(Now.AddHours(1));
        var paths = new CertificatePathValidator(new TrustStore([Root.Certificate]), new RevocationOptions(), time);
        return new SignatureValidator(time).Validate(SignedFiles.File(signed, Document), new ValidationOptions(paths)).Signatures.Single();
    }

    [Fact]
    public async Task TSA_intermediate_carried_only_in_the_signature_is_used_and_the_signature_is_B_T()
    {
        var s = await SignAndValidate([], [TsaCa.Certificate]);

        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal("B-T", s.Level);
        Assert.Equal(Indication.TotalPassed, Assert.Single(s.Timestamps).Indication);
        Assert.Equal(Now, s.BestSignatureTime);
    }

    [Fact]
    public async Task TSA_intermediate_carried_only_in_the_token_is_used_and_the_signature_is_B_T()
    {
        var s = await SignAndValidate([TsaCa.Certificate], []);

        Assert.Equal("B-T", s.Level);
        Assert.Equal(Indication.TotalPassed, Assert.Single(s.Timestamps).Indication);
    }

    [Fact]
    public async Task TSA_intermediate_carried_nowhere_leaves_the_signature_B_B()
    {
        var s = await SignAndValidate([], []);

        Assert.Equal("B-B", s.Level);
        Assert.NotEqual(Indication.TotalPassed, Assert.Single(s.Timestamps).Indication);
        Assert.Contains(s.Warnings, w => w.Contains("no path", StringComparison.OrdinalIgnoreCase));
    }
}
