using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// A small PKI for the XML tests: an RSA root, an RSA and an ECDSA signer, and a TSA, with their PEM files
/// in a temporary folder for xmlsec1 and openssl. Validity is around the real clock because xmlsec1 checks
/// certificates at the current time.
/// </summary>
public sealed class XmlTestPki : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("ihub-xml-").FullName;
    public X509Certificate2 Root { get; }
    public X509Certificate2 RsaSigner { get; }
    public X509Certificate2 EcSigner { get; }
    public X509Certificate2 Tsa { get; }
    public string RootPem => Path.Combine(Folder, "root.pem");

    private static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public XmlTestPki()
    {
        // The XML tests sign at fixed 2026 times on a fake clock, while xmlsec1 checks validity at the real time:
        // the certificates cover both (a validity starting at "now - 1 day" made the fixed-time tests fail a day later).
        var now = TimeProvider.System.GetUtcNow();
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=IntegrationHub XML Test Root, O=Test, C=VN", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(NotBefore.AddDays(-1), now.AddYears(5));

        using (var rsa = RSA.Create(2048))
            RsaSigner = Issue(new CertificateRequest("CN=Nguyen Van A (RSA), C=VN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), now, 1, false).CopyWithPrivateKey(rsa);
        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            EcSigner = Issue(new CertificateRequest("CN=Tran Thi B (ECDSA), C=VN", ec, HashAlgorithmName.SHA256), now, 2, false).CopyWithPrivateKey(ec);
        using (var tsa = RSA.Create(2048))
            Tsa = Issue(new CertificateRequest("CN=Test TSA, C=VN", tsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), now, 3, true).CopyWithPrivateKey(tsa);

        File.WriteAllText(RootPem, Root.ExportCertificatePem());
        WritePem("rsa", RsaSigner, RsaSigner.GetRSAPrivateKey()!);
        WritePem("ec", EcSigner, EcSigner.GetECDsaPrivateKey()!);
    }

    public string CertPem(string name) => Path.Combine(Folder, name + "-cert.pem");
    public string KeyPem(string name) => Path.Combine(Folder, name + "-key.pem");
    public string NewFile(string name) => Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    private X509Certificate2 Issue(CertificateRequest request, DateTimeOffset now, byte serial, bool tsa)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (tsa)
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        using var rootKey = Root.GetRSAPrivateKey()!;
        return request.Create(Root.SubjectName, X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1),
            NotBefore, now.AddYears(1), [0x10, serial]);
    }

    private void WritePem(string name, X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        File.WriteAllText(CertPem(name), certificate.ExportCertificatePem());
        File.WriteAllText(KeyPem(name), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>One XML test PKI for all XML test classes (key generation is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class XmlPkiCollection : ICollectionFixture<XmlTestPki>
{
    public const string Name = "xml-pki";
}
