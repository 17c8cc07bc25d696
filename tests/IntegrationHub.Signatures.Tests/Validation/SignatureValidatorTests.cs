using System.Formats.Asn1;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class SignatureValidatorTests(TestPki pki)
{
    private readonly FakePathValidator _paths = new();
    private readonly SignatureValidator _validator = new(new FakeTimeProvider(TestPki.Now));

    private ValidationReport Validate(byte[] signature, byte[]? content = null, ValidationOptions? options = null) =>
        _validator.Validate(SignedFiles.File(signature, content), options ?? new ValidationOptions(_paths));

    [RequiresToolTheory("openssl")]
    [InlineData("rsa", "sha256", true, false, false)]
    [InlineData("rsa", "sha384", false, false, true)]
    [InlineData("rsa", "sha256", true, true, false)]
    [InlineData("ec", "sha256", true, false, true)]
    [InlineData("ec", "sha384", false, true, false)]
    [InlineData("ec", "sha384", true, false, false)]
    [InlineData("rsa", "sha512", false, false, false)]
    public void Openssl_signatures_pass(string key, string digest, bool detached, bool noAttributes, bool cades)
    {
        var signature = SignedFiles.OpenSslSign(pki, key, digest, detached, noAttributes, cades: cades);
        var report = Validate(signature, detached ? SignedFiles.Content : null);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        var s = Assert.Single(report.Signatures);
        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal(digest.ToUpperInvariant(), s.DigestAlgorithm);
        Assert.Equal(key == "ec" ? "ECDSA" : "RSA", s.SignatureAlgorithm);
        Assert.Equal(cades ? "B-B" : "CMS-NOT-ETSI", s.Level);
        Assert.Equal(TestPki.Now, s.BestSignatureTime);
        Assert.Equal(TestPki.Now, _paths.Calls.Single().Request.At);
    }

    [RequiresToolFact("openssl")]
    public void Openssl_RSA_PSS_signature_with_its_default_salt_passes()
    {
        File.WriteAllBytes(pki.Path("pss.bin"), SignedFiles.Content);
        var output = pki.Path("pss.p7s");
        Tools.OpenSsl("cms", "-sign", "-binary", "-in", pki.Path("pss.bin"), "-signer", pki.Path("rsa.pem"), "-inkey", pki.Path("rsa.key"),
            "-keyopt", "rsa_padding_mode:pss", "-md", "sha256", "-outform", "DER", "-out", output);
        var s = Validate(File.ReadAllBytes(output), SignedFiles.Content).Signatures.Single();
        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal("RSASSA-PSS", s.SignatureAlgorithm);
    }

    [RequiresToolFact("openssl")]
    public void Tampered_detached_content_fails_with_HASH_FAILURE()
    {
        var signature = SignedFiles.OpenSslSign(pki, "rsa");
        var tampered = (byte[])SignedFiles.Content.Clone();
        tampered[3] ^= 1;
        var s = Validate(signature, tampered).Signatures.Single();
        Assert.Equal((Indication.TotalFailed, SubIndication.HashFailure), (s.Indication, s.SubIndication));
        Assert.Equal(["The digest of 'message-digest' does not match: the signed data was changed."], s.Errors);
    }

    [RequiresToolFact("openssl")]
    public void Flipped_signature_byte_fails_with_SIG_CRYPTO_FAILURE()
    {
        var signature = SignedFiles.OpenSslSign(pki, "rsa");
        var value = SignatureValueOffset(signature);
        signature[value + 10] ^= 0x01;
        var s = Validate(signature, SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.TotalFailed, SubIndication.SigCryptoFailure), (s.Indication, s.SubIndication));
        Assert.Equal(["The signature value does not verify with the signer's public key."], s.Errors);
    }

    [RequiresToolFact("openssl")]
    public void Altered_signed_attribute_fails_with_SIG_CRYPTO_FAILURE()
    {
        var signature = SignedFiles.OpenSslSign(pki, "ec");
        // The signing-time UTCTime ends in 'Z'; change the seconds digit before it.
        var oid = new byte[] { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05 };
        var at = signature.AsSpan().IndexOf(oid);
        var z = signature.AsSpan(at).IndexOf((byte)'Z') + at;
        signature[z - 1] = signature[z - 1] == (byte)'0' ? (byte)'1' : (byte)'0';
        var s = Validate(signature, SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.TotalFailed, SubIndication.SigCryptoFailure), (s.Indication, s.SubIndication));
    }

    [RequiresToolFact("openssl")]
    public void SHA1_signature_fails_the_policy_with_CRYPTO_CONSTRAINTS_FAILURE()
    {
        var s = Validate(SignedFiles.OpenSslSign(pki, "rsa", "sha1"), SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.CryptoConstraintsFailure), (s.Indication, s.SubIndication));
        Assert.Contains(s.Errors, e => e.Contains("SHA1"));
    }

    [RequiresToolFact("openssl")]
    public void RSA_1024_signature_fails_the_policy_with_CRYPTO_CONSTRAINTS_FAILURE()
    {
        var s = Validate(SignedFiles.OpenSslSign(pki, "rsa1024"), SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.CryptoConstraintsFailure), (s.Indication, s.SubIndication));
        Assert.Contains(s.Errors, e => e.Contains("1024"));
    }

    [RequiresToolFact("openssl")]
    public void Signature_without_its_certificate_is_NO_SIGNING_CERTIFICATE_FOUND_unless_supplied()
    {
        var signature = SignedFiles.OpenSslSign(pki, "rsa", noCerts: true);
        var s = Validate(signature, SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.NoSigningCertificateFound), (s.Indication, s.SubIndication));
        Assert.Equal(["The signing certificate is neither in the signature nor among the supplied certificates."], s.Errors);

        var supplied = Validate(signature, SignedFiles.Content, new ValidationOptions(_paths) { ExtraCertificates = [pki.RsaSigner] });
        Assert.Equal(Indication.TotalPassed, supplied.Indication);
    }

    [RequiresToolFact("openssl")]
    public void Detached_signature_without_content_is_SIGNED_DATA_NOT_FOUND()
    {
        var s = Validate(SignedFiles.OpenSslSign(pki, "rsa")).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.SignedDataNotFound), (s.Indication, s.SubIndication));
        Assert.Equal(["Signed data 'message-digest' not found. The signed content was not supplied."], s.Errors);
    }

    [RequiresToolFact("openssl")]
    public void Expired_signer_without_timestamp_is_INDETERMINATE_OUT_OF_BOUNDS_NO_POE_never_passed()
    {
        var s = Validate(SignedFiles.OpenSslSign(pki, "expired"), SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe), (s.Indication, s.SubIndication));
    }

    [RequiresToolFact("openssl")]
    public void Revoked_signer_without_timestamp_is_INDETERMINATE_REVOKED_NO_POE()
    {
        _paths.Answer = (_, _) => FakePathValidator.Result(Indication.TotalFailed, SubIndication.Revoked, TestPki.Now.AddDays(-1));
        var s = Validate(SignedFiles.OpenSslSign(pki, "rsa"), SignedFiles.Content).Signatures.Single();
        Assert.Equal((Indication.Indeterminate, SubIndication.RevokedNoPoe), (s.Indication, s.SubIndication));
    }

    [RequiresToolFact("openssl")]
    public void Path_failure_is_reported_in_its_own_words()
    {
        _paths.Answer = (_, _) => FakePathValidator.Result(Indication.Indeterminate, SubIndication.NoCertificateChainFound);
        var report = Validate(SignedFiles.OpenSslSign(pki, "rsa"), SignedFiles.Content);
        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.NoCertificateChainFound, report.Signatures.Single().SubIndication);
    }

    [Fact]
    public async Task Validation_time_comes_from_At_when_given()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), SignedFiles.Content, pki.RsaSigner, new SigningParameters(TestPki.Now, System.Security.Cryptography.HashAlgorithmName.SHA256));
        var at = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var report = Validate(signed, options: new ValidationOptions(_paths) { At = at });
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal(at, _paths.Calls.Single().Request.At);
        Assert.Equal(TestPki.Now, report.Signatures.Single().SigningTime);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x80 })]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })]
    public void Input_with_no_identifiable_signature_is_INDETERMINATE_FORMAT_FAILURE_without_exception(byte[] garbage)
    {
        var report = Validate(garbage);
        Assert.Equal((Indication.Indeterminate, SubIndication.FormatFailure), (report.Indication, report.SubIndication));
        Assert.NotEmpty(report.Errors!);
        Assert.Empty(report.Signatures);
    }

    [Fact]
    public void SignedData_ContentInfo_with_broken_content_is_TOTAL_FAILED_FORMAT_FAILURE()
    {
        byte[] broken = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x00];
        var report = Validate(broken);
        Assert.Equal((Indication.TotalFailed, SubIndication.FormatFailure), (report.Indication, report.SubIndication));
        Assert.NotEmpty(report.Errors!);
    }

    [RequiresToolFact("openssl")]
    public void Truncated_signature_is_TOTAL_FAILED_FORMAT_FAILURE()
    {
        var signature = SignedFiles.OpenSslSign(pki, "rsa");
        var report = Validate(signature[..(signature.Length / 2)], SignedFiles.Content);
        Assert.Equal((Indication.TotalFailed, SubIndication.FormatFailure), (report.Indication, report.SubIndication));
    }

    [RequiresToolFact("openssl")]
    public void SignerInfo_with_an_unknown_digest_algorithm_is_TOTAL_FAILED_FORMAT_FAILURE()
    {
        var signature = SignedFiles.OpenSslSign(pki, "rsa");
        // SHA-256's OID: the first one is in SignedData.digestAlgorithms, the second is the SignerInfo's.
        byte[] sha256 = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
        var first = signature.AsSpan().IndexOf(sha256);
        var second = first + 1 + signature.AsSpan(first + 1).IndexOf(sha256);
        signature[second + sha256.Length - 1] = 0x7F;

        var report = Validate(signature, SignedFiles.Content);

        var s = Assert.Single(report.Signatures);
        Assert.Equal((Indication.TotalFailed, SubIndication.FormatFailure), (s.Indication, s.SubIndication));
        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Contains(s.Errors, e => e.Contains("digest algorithm", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void PEM_signature_with_broken_base64_is_TOTAL_FAILED_FORMAT_FAILURE()
    {
        var pem = "-----BEGIN PKCS7-----\nMIIB!!notbase64@@\n-----END PKCS7-----\n";
        var report = Validate(System.Text.Encoding.ASCII.GetBytes(pem), SignedFiles.Content);
        Assert.Equal((Indication.TotalFailed, SubIndication.FormatFailure), (report.Indication, report.SubIndication));
    }

    [Fact]
    public void SignedData_without_signers_is_SIGNED_DATA_NOT_FOUND()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CmsOids.SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf()) { }
                using (writer.PushSequence()) writer.WriteObjectIdentifier(CmsOids.Data);
                using (writer.PushSetOf()) { }
            }
        }
        var report = Validate(writer.Encode());
        Assert.Equal(Indication.Indeterminate, report.Indication);
        Assert.Equal(SubIndication.SignedDataNotFound, report.SubIndication);
    }

    /// <summary>Offset of the signature value's first byte (the SignerInfo's OCTET STRING after the signature algorithm).</summary>
    internal static int SignatureValueOffset(byte[] signature)
    {
        var value = CmsSignatureReader.Read(signature, _ => [], "CADES").Single().SignatureValue;
        return signature.AsSpan().IndexOf(value);
    }
}
