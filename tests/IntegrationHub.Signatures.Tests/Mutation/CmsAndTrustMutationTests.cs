using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors and uncovered mutants of Stryker on Cms/ and Trust/: ECDSA value encodings checked against .NET's own
/// verifier, the parsed-certificate cache, the `hub certs validate` report in text and JSON, and the trust store.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class CmsAndTrustMutationTests(TestPki pki)
{
    [Fact]
    public void P1363_values_become_DER_that_dotnet_verifies_and_come_back_unchanged()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hash = SHA256.HashData("ho so"u8);
        for (var i = 0; i < 64; i++)
        {
            var p1363 = key.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var der = EcdsaSignatures.P1363ToDer(p1363);
            Assert.True(key.VerifyHash(hash, der, DSASignatureFormat.Rfc3279DerSequence));
            Assert.Equal(p1363, EcdsaSignatures.DerToP1363(der, 32));
        }
    }

    [Fact]
    public void Leading_zeros_are_trimmed_to_minimal_integers_and_restored_to_the_field_size()
    {
        var p1363 = new byte[8];
        p1363[2] = 0x7F; // r = 00 00 7F 00: two leading zero bytes
        p1363[7] = 0x01; // s = 00 00 00 01: three leading zeros, one byte left
        var der = EcdsaSignatures.P1363ToDer(p1363);
        Assert.Equal(new byte[] { 0x30, 0x07, 0x02, 0x02, 0x7F, 0x00, 0x02, 0x01, 0x01 }, der);
        Assert.Equal(p1363, EcdsaSignatures.DerToP1363(der, 4));

        var zero = EcdsaSignatures.P1363ToDer(new byte[4]);
        Assert.Equal(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00 }, zero);
        Assert.Equal(new byte[4], EcdsaSignatures.DerToP1363(zero, 2));

        // A high first byte needs the DER sign byte; it is dropped again on the way back.
        var high = EcdsaSignatures.P1363ToDer(new byte[] { 0x80, 0x01, 0xFF, 0x02 });
        Assert.Equal(new byte[] { 0x30, 0x0A, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x03, 0x00, 0xFF, 0x02 }, high);
        Assert.Equal(new byte[] { 0x80, 0x01, 0xFF, 0x02 }, EcdsaSignatures.DerToP1363(high, 2));
        Assert.Equal(new byte[] { 0x00, 0x80, 0x01, 0x00, 0xFF, 0x02 }, EcdsaSignatures.DerToP1363(high, 3));
    }

    [Fact]
    public void An_integer_larger_than_the_curve_is_refused()
    {
        var der = EcdsaSignatures.P1363ToDer(new byte[] { 0x01, 0x02, 0x03, 0x04 });
        var e = Assert.Throws<FormatException>(() => EcdsaSignatures.DerToP1363(der, 1));
        Assert.Equal("ECDSA integer is larger than the curve.", e.Message);
    }

    [Fact]
    public void Certificate_cache_hands_out_one_instance_per_DER_and_tells_certificates_apart()
    {
        var first = CertificateCache.Get(pki.RsaSigner.RawData.ToArray());
        var again = CertificateCache.Get(pki.RsaSigner.RawData.ToArray());
        Assert.Same(first, again);
        Assert.Equal(pki.RsaSigner.RawData, first.RawData);

        var other = CertificateCache.Get(pki.EcSigner.RawData);
        Assert.NotSame(first, other);
        Assert.Equal(pki.EcSigner.RawData, other.RawData);
    }

    [Fact]
    public void Path_report_text_lists_the_verdict_the_path_and_what_went_wrong()
    {
        var at = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        var failed = PathValidationReport.From("citizen.cer", at,
            new PathValidationResult("TOTAL_FAILED", "REVOKED", [pki.RsaSigner, pki.Root], at.AddDays(-2), ["revoked on 2026-12-05"], ["no OCSP"]));
        Assert.Equal(
            $"citizen.cer: TOTAL_FAILED / REVOKED at 2026-12-07T02:00:00.0000000+00:00\n" +
            $"  [0] {pki.RsaSigner.Subject} (serial {pki.RsaSigner.SerialNumber}, until 2035-01-01)\n" +
            $"  [1] {pki.Root.Subject} (serial {pki.Root.SerialNumber}, until 2035-01-01)\n" +
            "  error: revoked on 2026-12-05\n" +
            "  warning: no OCSP\n",
            failed.ToText());

        var passed = PathValidationReport.From("ca.cer", at, new PathValidationResult("TOTAL_PASSED", null, [], null, [], []));
        Assert.Equal("ca.cer: TOTAL_PASSED at 2026-12-07T02:00:00.0000000+00:00\n", passed.ToText());
    }

    [Fact]
    public void Path_report_JSON_is_indented_camel_case_and_keeps_Vietnamese_readable()
    {
        var at = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        var report = PathValidationReport.From("trần.cer", at,
            new PathValidationResult("INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", [pki.Root], null, ["Không tìm thấy"], []));
        var json = report.ToJson();
        Assert.Contains("\n  \"file\": \"trần.cer\"", json);
        Assert.Contains("\"subIndication\": \"NO_CERTIFICATE_CHAIN_FOUND\"", json);
        Assert.Contains("\"Không tìm thấy\"", json);
        Assert.Contains($"\"sha256\": \"{Convert.ToHexString(SHA256.HashData(pki.Root.RawData))}\"", json);
        Assert.Contains("\"revokedAt\": null", json);
    }

    [Fact]
    public void Trust_store_holds_each_anchor_once_lists_them_by_subject_and_knows_only_its_own()
    {
        var store = new TrustStore([pki.Tsa, pki.Root, X509CertificateLoader.LoadCertificate(pki.Root.RawData), pki.EcSigner]);
        Assert.Equal(3, store.Anchors.Count);
        Assert.True(store.Contains(X509CertificateLoader.LoadCertificate(pki.Root.RawData)));
        Assert.True(store.Contains(pki.EcSigner));
        Assert.False(store.Contains(pki.RsaSigner));

        var listed = store.List();
        Assert.Equal(listed.Select(a => a.Subject).Order(StringComparer.Ordinal), listed.Select(a => a.Subject));
        Assert.Equal(new[] { pki.Tsa.Subject, pki.Root.Subject, pki.EcSigner.Subject }.Order(StringComparer.Ordinal), listed.Select(a => a.Subject));
        var root = listed.Single(a => a.Subject == pki.Root.Subject);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(pki.Root.RawData)), root.Thumbprint);
        Assert.Equal(TestPki.NotAfter, root.NotAfter);
    }
}
