using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;

namespace IntegrationHub.Signatures.Tests.Cms;

[Collection(PkiCollection.Name)]
public sealed class CadesSignerTests(TestPki pki)
{
    private static readonly byte[] Document = "Quyet dinh cap phep so 123/QD-UBND"u8.ToArray();

    private SigningParameters Parameters(HashAlgorithmName? digest = null, bool pss = false) =>
        new(TestPki.Now, digest ?? HashAlgorithmName.SHA256, [pki.Root], UsePss: pss);

    private (int Code, string Output) OpenSslVerify(byte[] signed, bool detached)
    {
        var sig = pki.Path(Guid.NewGuid() + ".p7s");
        var content = pki.Path(Guid.NewGuid() + ".txt");
        File.WriteAllBytes(sig, signed);
        File.WriteAllBytes(content, Document);
        var args = new List<string> { "cms", "-verify", "-inform", "DER", "-in", sig, "-CAfile", pki.Path("root.pem"), "-binary", "-out", "/dev/null",
            "-attime", TestPki.Now.ToUnixTimeSeconds().ToString() };
        if (detached) args.AddRange(["-content", content]);
        return Tools.Run("openssl", [.. args]);
    }

    [RequiresToolFact("openssl")]
    public async Task Detached_RSA_CAdES_verifies_with_openssl_cms()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, pki.RsaSigner, Parameters());
        var (code, output) = OpenSslVerify(signed, detached: true);
        Assert.True(code == 0, output);
        Assert.Contains("Verification successful", output);
    }

    [RequiresToolFact("openssl")]
    public async Task Attached_ECDSA_SHA384_CAdES_verifies_with_openssl_cms()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), Document, pki.EcSigner, Parameters(HashAlgorithmName.SHA384));
        var (code, output) = OpenSslVerify(signed, detached: false);
        Assert.True(code == 0, output);
    }

    [RequiresToolFact("openssl")]
    public async Task RSA_PSS_CAdES_verifies_with_openssl_cms()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, pki.RsaSigner, Parameters(pss: true));
        var (code, output) = OpenSslVerify(signed, detached: true);
        Assert.True(code == 0, output);
    }

    [RequiresToolFact("openssl")]
    public async Task Detached_CAdES_over_other_content_is_rejected_by_openssl()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, pki.RsaSigner, Parameters());
        File.WriteAllBytes(pki.Path("other.txt"), "something else"u8.ToArray());
        var sig = pki.Path("other.p7s");
        File.WriteAllBytes(sig, signed);
        var (code, _) = Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", sig, "-CAfile", pki.Path("root.pem"), "-binary",
            "-content", pki.Path("other.txt"), "-out", "/dev/null");
        Assert.NotEqual(0, code);
    }

    [RequiresToolFact("openssl")]
    public async Task Two_step_signature_made_by_openssl_pkeyutl_verifies_with_openssl_cms()
    {
        var signer = new CadesSigner(false);
        var prepared = signer.Prepare(Document, X509CertificateLoader.LoadCertificate(pki.RsaSigner.RawData), Parameters());
        var digestFile = pki.Path("digest.bin");
        var valueFile = pki.Path("value.bin");
        File.WriteAllBytes(digestFile, prepared.Digest);
        Tools.OpenSsl("pkeyutl", "-sign", "-inkey", pki.Path("rsa.key"), "-in", digestFile, "-out", valueFile, "-pkeyopt", "digest:sha256");

        var signed = await signer.CompleteAsync(prepared, File.ReadAllBytes(valueFile), null);
        var (code, output) = OpenSslVerify(signed, detached: true);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Complete_refuses_a_value_made_with_another_key()
    {
        var signer = new CadesSigner(false);
        var prepared = signer.Prepare(Document, pki.RsaSigner, Parameters());
        using var other = RSA.Create(2048);
        var value = other.SignHash(prepared.Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var error = await Assert.ThrowsAsync<SignatureValueRejectedException>(() => signer.CompleteAsync(prepared, value, null));
        Assert.Contains("does not verify", error.Message);
    }

    [Fact]
    public void Signing_time_is_fixed_at_prepare_and_is_in_the_signed_attributes()
    {
        var prepared = new CadesSigner(false).Prepare(Document, pki.RsaSigner, Parameters());
        var attributes = new System.Security.Cryptography.Pkcs.Pkcs9SigningTime(TestPki.Now.UtcDateTime);
        Assert.True(prepared.DataToBeSigned.AsSpan().IndexOf(attributes.RawData.AsSpan()) >= 0);
        Assert.Equal(SHA256.HashData(prepared.DataToBeSigned), prepared.Digest);
    }

    [Fact]
    public void PAdES_profile_has_no_signing_time_attribute()
    {
        var prepared = CadesSigner.PrepareForDigest(SHA256.HashData(Document), pki.RsaSigner, Parameters(), padesProfile: true);
        var signingTimeOid = new byte[] { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05 };
        Assert.True(prepared.DataToBeSigned.AsSpan().IndexOf(signingTimeOid) < 0);
        Assert.Equal("pades", prepared.Mode);
    }
}
