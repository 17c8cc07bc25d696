using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Xml;
using Microsoft.Extensions.Time.Testing;
using static IntegrationHub.Signatures.Tests.Xml.XmlTestSupport;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Our XAdES output verifies with xmlsec1 (independent) and with our own reader.</summary>
[Collection(XmlPkiCollection.Name)]
public sealed class XadesSignerTests(XmlTestPki pki)
{
    private static readonly DateTimeOffset SigningTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero)).GetUtcNow();

    private static async Task<byte[]> SignLocally(X509Certificate2 signer, SigningParameters parameters, ITimestampClient? tsa = null)
    {
        var xades = new XadesSigner();
        var prepared = xades.Prepare(Encoding.UTF8.GetBytes(Document), signer, parameters);
        byte[] value = signer.GetRSAPrivateKey() is { } rsa
            ? rsa.SignHash(prepared.Digest, prepared.DigestAlgorithm, parameters.UsePss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1)
            : signer.GetECDsaPrivateKey()!.SignHash(prepared.Digest, DSASignatureFormat.Rfc3279DerSequence);
        return await xades.CompleteAsync(prepared, value, tsa);
    }

    [RequiresToolFact("xmlsec1")]
    public async Task XAdES_B_B_with_RSA_verifies_with_xmlsec1()
    {
        var signed = await SignLocally(pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256));

        var result = VerifyWithXmlsec1(pki, signed);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OK", result.Output + result.Error);
    }

    [RequiresToolFact("xmlsec1")]
    public async Task XAdES_B_B_with_ECDSA_P256_verifies_with_xmlsec1()
    {
        var signed = await SignLocally(pki.EcSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256));

        var result = VerifyWithXmlsec1(pki, signed);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [RequiresToolFact("xmlsec1")]
    public async Task XAdES_output_whose_content_is_altered_fails_xmlsec1()
    {
        var signed = Encoding.UTF8.GetString(await SignLocally(pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256)));

        var result = VerifyWithXmlsec1(pki, Encoding.UTF8.GetBytes(signed.Replace("261128-0001", "261128-0009")));

        Assert.NotEqual(0, result.ExitCode);
    }

    [Theory]
    [InlineData("rsa", "SHA256", false)]
    [InlineData("rsa", "SHA512", false)]
    [InlineData("rsa", "SHA256", true)]
    [InlineData("ec", "SHA384", false)]
    [InlineData("ec", "SHA3-256", false)]
    [InlineData("rsa", "SHA3-512", true)]
    public async Task XAdES_output_reads_back_as_XADES_evidence_that_verifies(string key, string hash, bool pss)
    {
        var signer = key == "rsa" ? pki.RsaSigner : pki.EcSigner;
        var signed = await SignLocally(signer, new SigningParameters(SigningTime, new HashAlgorithmName(hash), UsePss: pss));

        var evidence = Assert.Single(Read(signed));

        AssertSound(evidence, signer);
        Assert.Equal("XADES", evidence.Format);
        Assert.True(evidence.HasEtsiSignedAttributes);
        Assert.Equal(SigningTime, evidence.ClaimedSigningTime);
        Assert.Equal(new HashAlgorithmName(hash), evidence.DigestAlgorithm);
        Assert.Equal(pss ? "PSS" : key == "rsa" ? "PKCS1" : null, evidence.SignatureAlgorithm.Padding);
        Assert.Equal(2, evidence.References.Count); // the document and the SignedProperties
        var certRef = evidence.SigningCertificateReference!;
        Assert.Equal(CryptographicOperations.HashData(certRef.Algorithm, signer.RawData), certRef.Value);
        Assert.NotNull(certRef.IssuerSerialDer);
    }

    [RequiresToolFact("openssl")]
    public async Task Two_step_signature_made_by_openssl_over_the_prepared_digest_verifies_with_xmlsec1()
    {
        foreach (var (name, signer) in new[] { ("rsa", pki.RsaSigner), ("ec", pki.EcSigner) })
        {
            var xades = new XadesSigner();
            var publicOnly = X509CertificateLoader.LoadCertificate(signer.RawData); // the hub never holds the key
            var prepared = xades.Prepare(Encoding.UTF8.GetBytes(Document), publicOnly, new SigningParameters(SigningTime, HashAlgorithmName.SHA256));
            Assert.Equal(SHA256.HashData(prepared.DataToBeSigned), prepared.Digest);
            var digestFile = pki.NewFile("digest.bin");
            var valueFile = pki.NewFile("value.bin");
            File.WriteAllBytes(digestFile, prepared.Digest);
            var openssl = ExternalTool.Run("openssl", "pkeyutl", "-sign", "-inkey", pki.KeyPem(name), "-pkeyopt", "digest:sha256", "-in", digestFile, "-out", valueFile);
            Assert.True(openssl.ExitCode == 0, openssl.ToString());

            var signed = await xades.CompleteAsync(prepared, File.ReadAllBytes(valueFile), null);

            if (ExternalTool.IsOnPath("xmlsec1"))
                Assert.True(VerifyWithXmlsec1(pki, signed).ExitCode == 0, $"{name}: {VerifyWithXmlsec1(pki, signed)}");
            AssertSound(Assert.Single(Read(signed)), signer);
        }
    }

    [Fact]
    public async Task Complete_refuses_a_signature_value_that_does_not_verify()
    {
        var xades = new XadesSigner();
        var prepared = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256));
        var value = pki.RsaSigner.GetRSAPrivateKey()!.SignHash(prepared.Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        value[5] ^= 0x40;

        var error = await Assert.ThrowsAsync<CryptographicException>(() => xades.CompleteAsync(prepared, value, null));

        Assert.Contains("does not verify", error.Message);
    }

    [Fact]
    public async Task Complete_refuses_a_value_made_by_another_key()
    {
        var xades = new XadesSigner();
        var prepared = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256));
        using var other = RSA.Create(2048);

        await Assert.ThrowsAsync<CryptographicException>(() =>
            xades.CompleteAsync(prepared, other.SignHash(prepared.Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), null));
    }

    [Fact]
    public void Signing_time_is_fixed_at_prepare_and_the_same_inputs_give_the_same_digest()
    {
        var xades = new XadesSigner();
        var parameters = new SigningParameters(SigningTime, HashAlgorithmName.SHA256);
        var first = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, parameters);
        var second = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, parameters);
        var later = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, parameters with { SigningTime = SigningTime.AddSeconds(1) });

        Assert.Equal(first.Digest, second.Digest);
        Assert.NotEqual(first.Digest, later.Digest);
        var completed = Complete(first);
        Assert.Contains("<xades:SigningTime>2026-11-28T02:30:00Z</xades:SigningTime>", Encoding.UTF8.GetString(completed));
        Assert.Equal(SigningTime, Assert.Single(Read(completed)).ClaimedSigningTime);
    }

    [Fact]
    public void Prepare_refuses_XML_with_a_DTD()
    {
        var xml = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";

        // The same exception as the other signers' for a document they will not read, so callers need one catch.
        var e = Assert.Throws<SignatureFormatException>(() => new XadesSigner().Prepare(Encoding.UTF8.GetBytes(xml), pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256)));
        Assert.Contains("not acceptable XML", e.Message);
    }

    [Fact]
    public async Task B_T_without_a_timestamp_client_is_refused()
    {
        var xades = new XadesSigner();
        var prepared = xades.Prepare(Encoding.UTF8.GetBytes(Document), pki.RsaSigner, new SigningParameters(SigningTime, HashAlgorithmName.SHA256, WithTimestamp: true));

        await Assert.ThrowsAsync<ArgumentException>(() => xades.CompleteAsync(prepared, new byte[256], null));
    }

    private static byte[] Complete(PreparedSignature prepared)
    {
        var signer = prepared.SignerCertificate;
        var value = signer.GetRSAPrivateKey()!.SignHash(prepared.Digest, prepared.DigestAlgorithm, RSASignaturePadding.Pkcs1);
        return new XadesSigner().CompleteAsync(prepared, value, null).GetAwaiter().GetResult();
    }
}
