using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Xml;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Tests.Pkcs11;
using Microsoft.Extensions.Time.Testing;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Signatures.Tests.Creation.Pkcs11;

/// <summary>
/// One SoftHSM2 token folder for this test process, a token per scenario (so that a wrong PIN or a deleted key on one
/// does not touch another), keys generated inside the tokens, and the sample PKI's issuing CA certifying them.
/// Made at the real time (rounded): pdfsig, xmlsec1 and openssl check certificates against the real clock.
/// </summary>
public sealed class HsmFixture : IDisposable
{
    public const string RsaToken = "hub-seal-rsa";
    public const string EcToken = "hub-seal-ec";
    public const string PinToken = "hub-seal-pin";
    public const string RemovedToken = "hub-seal-removed";
    public const string ResetToken = "hub-seal-reset";
    /// <summary>`hub sign --pkcs11-*`: a token to sign with, one whose key is deleted, one a wrong PIN is tried on first.</summary>
    public const string CliToken = "hub-cli-sign";
    public const string CliRemovedToken = "hub-cli-removed";
    public const string CliPinToken = "hub-cli-pin";
    public const string KeyLabel = "agency-seal";

    public SoftHsm Hsm { get; } = new(RsaToken, EcToken, PinToken, RemovedToken, ResetToken, CliToken, CliRemovedToken, CliPinToken);
    public DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
    public SamplePki Pki { get; } = null!;
    public string RootPem => Path.Combine(Hsm.Folder, "root.pem");
    public string IssuingPem => Path.Combine(Hsm.Folder, "issuing.pem");
    /// <summary>The EC key's certificate is not stored in its token: the configuration names this file.</summary>
    public string EcCertificatePem => Path.Combine(Hsm.Folder, "ec-seal.pem");

    public HsmFixture()
    {
        if (SoftHsm.Missing is not null) return;
        Pki = SamplePki.Create(new Uri("http://127.0.0.1:9/pki/"), new FakeTimeProvider(Now));
        File.WriteAllText(RootPem, Pki.Root.Certificate.ExportCertificatePem());
        File.WriteAllText(IssuingPem, Pki.IssuingCa.Certificate.ExportCertificatePem());
        foreach (var token in new[] { RsaToken, PinToken, RemovedToken, ResetToken, CliToken, CliRemovedToken, CliPinToken })
            Hsm.ImportCertificate(token, KeyLabel, Certify(Hsm.GenerateRsa(token, KeyLabel), "Sở Tư pháp tỉnh Đắk Lắk"));
        File.WriteAllText(EcCertificatePem, Certify(Hsm.GenerateP256(EcToken, KeyLabel), "Sở Tư pháp tỉnh Đắk Lắk (ECDSA)").ExportCertificatePem());
    }

    /// <summary>A key as the hub would configure it.</summary>
    public Pkcs11Key Key(string token, string pin = SoftHsm.UserPin, string? certificatePath = null, string library = SoftHsm.Library,
        string keyLabel = KeyLabel) =>
        new(new Pkcs11KeyLocation(library, token, null, keyLabel, certificatePath), () => pin);

    /// <summary>Prepare, sign the digest with the HSM key, complete: what the seal route does.</summary>
    public async Task<byte[]> Seal(IDigestSigner key, string mode, byte[] document, bool pss = false)
    {
        var signer = SignerRegistry.Find(mode)!;
        var prepared = signer.Prepare(document, key.Certificate,
            new SigningParameters(Now, HashAlgorithmName.SHA256, [Pki.IssuingCa.Certificate], UsePss: pss));
        return await signer.CompleteAsync(prepared, key.SignDigest(prepared), null);
    }

    /// <summary>The hub's own validator, trusting the sample root, with the sample CRLs.</summary>
    public ValidationReport Validate(string name, byte[] signed, byte[]? detachedContent = null)
    {
        var clock = new FakeTimeProvider(Now);
        var paths = new CertificatePathValidator(new TrustStore([Pki.Root.Certificate]),
            new RevocationOptions { Crls = [Pki.RootCrl, Pki.IssuingCrl] }, clock, null, [Pki.IssuingCa.Certificate]);
        using var file = new MemoryStream(signed);
        using var detached = detachedContent is null ? null : new MemoryStream(detachedContent);
        return new SignatureValidator(clock).Validate(new SignedFile(name, file, detached), new ValidationOptions(paths));
    }

    /// <summary>xmlsec1 --verify of a XAdES signature, trusting the sample root.</summary>
    public ExternalTool.Result Xmlsec1(byte[] signed)
    {
        var file = NewFile("sealed.xml");
        File.WriteAllBytes(file, signed);
        return ExternalTool.Run("xmlsec1", "--verify", "--trusted-pem", RootPem, "--untrusted-pem", IssuingPem,
            "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", file);
    }

    /// <summary>
    /// openssl cms -verify of an attached CMS signature, trusting the sample root; the content on success. A signature
    /// that does not carry the issuing CA (`hub sign` with an HSM key embeds only the signer's certificate) needs
    /// <paramref name="issuingInCaFile"/>: openssl searches -certfile for the signer only, not for its path.
    /// </summary>
    public (int Code, string Output) OpensslVerify(byte[] cms, bool issuingInCaFile = false)
    {
        var file = NewFile("sealed.p7s");
        File.WriteAllBytes(file, cms);
        var caFile = RootPem;
        if (issuingInCaFile)
        {
            caFile = NewFile("root-and-issuing.pem");
            File.WriteAllText(caFile, File.ReadAllText(RootPem) + "\n" + File.ReadAllText(IssuingPem));
        }
        var result = ExternalTool.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", file, "-CAfile", caFile,
            "-certfile", IssuingPem, "-purpose", "any");
        return (result.ExitCode, result.ExitCode == 0 ? result.Output : result.ToString());
    }

    public string NewFile(string name) => Path.Combine(Hsm.Folder, Guid.NewGuid().ToString("N") + "-" + name);

    private X509Certificate2 Certify(AsymmetricAlgorithm publicKey, string commonName) =>
        F.Issue(Pki.IssuingCa, F.Name(commonName, "UBND tỉnh Đắk Lắk", serialNumber: "MST:6000000001", province: "Đắk Lắk"), publicKey,
            Now.AddDays(-1), Now.AddYears(2), new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)).Certificate;

    public void Dispose() => Hsm.Dispose();
}

[CollectionDefinition(Name)]
public sealed class HsmCollection : ICollectionFixture<HsmFixture>
{
    public const string Name = "SoftHSM2 tokens";
}
