using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;

namespace IntegrationHub.Signatures.Tests.Cms;

[Collection(PkiCollection.Name)]
public sealed class CmsSignatureReaderTests(TestPki pki)
{
    private string OpenSslSign(string key, string digest, bool detached, bool noAttributes, string outForm = "DER")
    {
        var content = pki.Path("content.txt");
        File.WriteAllText(content, "Don de nghi cap giay phep.\n");
        var output = pki.Path($"{key}-{digest}-{detached}-{noAttributes}.p7s");
        var args = new List<string> { "cms", "-sign", "-binary", "-in", content, "-signer", pki.Path(key + ".pem"), "-inkey", pki.Path(key + ".key"),
            "-md", digest, "-outform", outForm, "-out", output };
        if (!detached) args.Add("-nodetach");
        if (noAttributes) args.Add("-noattr");
        Tools.OpenSsl([.. args]);
        return output;
    }

    [RequiresToolFact("openssl")]
    public void Openssl_detached_signature_yields_evidence_whose_message_digest_matches_the_content()
    {
        var file = OpenSslSign("rsa", "sha256", detached: true, noAttributes: false);
        using var content = File.OpenRead(pki.Path("content.txt"));
        var evidence = new CmsSignatureFormat().Read(new SignedFile("a.p7s", File.OpenRead(file), content)).Single();

        Assert.Equal(HashAlgorithmName.SHA256, evidence.DigestAlgorithm);
        Assert.Equal("RSA", evidence.SignatureAlgorithm.KeyAlgorithm);
        Assert.Equal(pki.RsaSigner.Thumbprint, evidence.Signer.Certificate?.Thumbprint);
        var reference = Assert.Single(evidence.References);
        Assert.True(reference.Found && reference.Intact);
        Assert.NotNull(evidence.ClaimedSigningTime);
        Assert.Empty(evidence.FormatErrors);
        using var rsa = pki.RsaSigner.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyHash(evidence.SignedDigest, evidence.SignatureValue, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [RequiresToolFact("openssl")]
    public void Detached_signature_without_content_reports_the_reference_not_found()
    {
        var file = OpenSslSign("ec", "sha384", detached: true, noAttributes: false, outForm: "PEM");
        var evidence = new CmsSignatureFormat().Read(new SignedFile("a.p7s", File.OpenRead(file))).Single();
        Assert.Equal("ECDSA", evidence.SignatureAlgorithm.KeyAlgorithm);
        Assert.False(evidence.References.Single().Found);
    }

    [RequiresToolFact("openssl")]
    public void Attached_signature_without_attributes_covers_the_content_digest()
    {
        var file = OpenSslSign("ec", "sha256", detached: false, noAttributes: true);
        var evidence = new CmsSignatureFormat().Read(new SignedFile("a.p7s", File.OpenRead(file))).Single();
        Assert.False(evidence.HasEtsiSignedAttributes);
        Assert.Equal("CMS", evidence.Format);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(pki.Path("content.txt"))), evidence.SignedDigest);
        using var ec = pki.EcSigner.GetECDsaPublicKey()!;
        Assert.True(ec.VerifyHash(evidence.SignedDigest, evidence.SignatureValue, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x82, 0x10 })]
    [InlineData(new byte[] { 0x30, 0x03, 0x06, 0x01, 0x00 })]
    public void Garbage_is_a_SignatureFormatException_not_a_crash(byte[] garbage)
    {
        Assert.Throws<SignatureFormatException>(() => CmsSignatureReader.Read(garbage, null, "CADES"));
    }
}
