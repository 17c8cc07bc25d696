using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class SignerIdentificationTests(TestPki pki)
{
    private static readonly SigningParameters Parameters = new(TestPki.Now, HashAlgorithmName.SHA256);

    [Fact]
    public async Task Signing_certificate_v2_digest_that_names_another_certificate_is_NO_SIGNING_CERTIFICATE_FOUND()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), SignedFiles.Content, pki.RsaSigner, Parameters);
        var evidence = CmsSignatureReader.Read(signed, null, "CADES").Single();
        Assert.Equal(SHA256.HashData(pki.RsaSigner.RawData), evidence.SigningCertificateReference!.Value);

        var forged = evidence with { SigningCertificateReference = evidence.SigningCertificateReference with { Value = SHA256.HashData(pki.EcSigner.RawData) } };
        var result = SignatureProcess.CheckIntegrity(forged, [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Indeterminate(SubIndication.NoSigningCertificateFound), result.Verdict);
    }

    [Fact]
    public async Task Signer_is_found_among_supplied_certificates_only_when_serial_and_issuer_match()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), SignedFiles.Content, pki.RsaSigner, Parameters);
        var evidence = CmsSignatureReader.Read(signed, null, "CADES").Single() with { Certificates = [] };
        evidence = evidence with { Signer = evidence.Signer with { Certificate = null } };

        Assert.Equal(SubIndication.NoSigningCertificateFound, SignatureProcess.CheckIntegrity(evidence, [pki.EcSigner, pki.Root], CryptoPolicy.VnDefault).Verdict.SubIndication);
        Assert.True(SignatureProcess.CheckIntegrity(evidence, [pki.EcSigner, pki.RsaSigner], CryptoPolicy.VnDefault).Verdict.IsPassed);
    }

    [RequiresToolFact("openssl")]
    public void Signer_identified_by_subject_key_identifier_passes()
    {
        File.WriteAllBytes(pki.Path("keyid.bin"), SignedFiles.Content);
        Tools.OpenSsl("cms", "-sign", "-binary", "-keyid", "-nodetach", "-in", pki.Path("keyid.bin"), "-signer", pki.Path("ec.pem"), "-inkey", pki.Path("ec.key"),
            "-outform", "DER", "-out", pki.Path("keyid.p7s"));
        var evidence = CmsSignatureReader.Read(File.ReadAllBytes(pki.Path("keyid.p7s")), null, "CADES").Single();
        Assert.NotNull(evidence.Signer.SubjectKeyIdentifier);
        var report = new SignatureValidator(new FakeTimeProvider(TestPki.Now))
            .Validate(SignedFiles.File(File.ReadAllBytes(pki.Path("keyid.p7s"))), new ValidationOptions(new FakePathValidator()));
        Assert.Equal(Indication.TotalPassed, report.Indication);
    }

    [Fact]
    public async Task ECDSA_value_in_P1363_form_from_a_token_is_accepted_and_stored_as_DER()
    {
        var signer = new CadesSigner(false);
        var prepared = signer.Prepare(SignedFiles.Content, pki.EcSigner, Parameters);
        using var key = pki.EcSigner.GetECDsaPrivateKey()!;
        var p1363 = key.SignHash(prepared.Digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var signed = await signer.CompleteAsync(prepared, p1363, null);
        var evidence = CmsSignatureReader.Read(signed, _ => SHA256.HashData(SignedFiles.Content), "CADES").Single();
        Assert.Equal(0x30, evidence.SignatureValue[0]);
        Assert.True(SignatureProcess.CheckIntegrity(evidence, [], CryptoPolicy.VnDefault).Verdict.IsPassed);
    }

    [Fact]
    public async Task Text_report_names_the_verdict_the_signer_and_the_times()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), SignedFiles.Content, pki.RsaSigner, Parameters);
        var report = new SignatureValidator(new FakeTimeProvider(TestPki.Now.AddHours(1)))
            .Validate(SignedFiles.File(signed), new ValidationOptions(new FakePathValidator()));
        var text = ReportText.Format(report);
        Assert.Contains("TOTAL_PASSED", text);
        Assert.Contains("Nguyen Van A", text);
        Assert.Contains("claimed signing time: 2026-11-28T09:00:00", text);
        Assert.Contains("best signature time: 2026-11-28T10:00:00", text);
    }

    [Fact]
    public void Policy_file_round_trips_and_rejects_unknown_fields()
    {
        var good = pki.Path("policy.json");
        File.WriteAllText(good, """{ "name": "p384", "minEcBits": 384 }""");
        var policy = CryptoPolicy.Load(good);
        Assert.Equal(384, policy.MinEcBits);
        Assert.Equal(2048, policy.MinRsaBits);
        var bad = pki.Path("bad-policy.json");
        File.WriteAllText(bad, """{ "name": "x", "minRsaBitz": 1 }""");
        Assert.Throws<ArgumentException>(() => CryptoPolicy.Load(bad));
    }
}
