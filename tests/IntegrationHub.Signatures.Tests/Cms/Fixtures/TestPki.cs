using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Tests.Cms.Fixtures;

/// <summary>
/// A small PKI made with CertificateRequest, written to a temp folder as PEM for openssl: a root, RSA-2048 and
/// ECDSA P-256 signers, an RSA-1024 signer, an expired signer and a TSA. Valid 2025-01-01 .. 2035-01-01 except the expired one.
/// </summary>
public sealed class TestPki : IDisposable
{
    public static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NotAfter = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public string Folder { get; } = Directory.CreateTempSubdirectory("hub-pki-").FullName;
    public X509Certificate2 Root { get; }
    public X509Certificate2 RsaSigner { get; }
    public X509Certificate2 EcSigner { get; }
    public X509Certificate2 Rsa1024Signer { get; }
    public X509Certificate2 ExpiredSigner { get; }
    public X509Certificate2 Tsa { get; }

    private int _serial = 100;
    private readonly RSA _rootKey = RSA.Create(2048);

    public TestPki()
    {
        var rootKey = _rootKey;
        var rootRequest = new CertificateRequest("CN=Hub Test Root, O=IntegrationHub Tests, C=VN", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(NotBefore, NotAfter);
        Write("root", Root, rootKey);

        RsaSigner = Issue("rsa", "CN=Nguyen Van A, O=Citizens, C=VN", RSA.Create(2048), NotBefore, NotAfter);
        EcSigner = Issue("ec", "CN=Tran Thi B, O=Citizens, C=VN", ECDsa.Create(ECCurve.NamedCurves.nistP256), NotBefore, NotAfter);
        Rsa1024Signer = Issue("rsa1024", "CN=Weak Key, O=Citizens, C=VN", RSA.Create(1024), NotBefore, NotAfter);
        ExpiredSigner = Issue("expired", "CN=Expired Signer, O=Citizens, C=VN", RSA.Create(2048), NotBefore, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Tsa = Issue("tsa", "CN=Hub Test TSA, O=IntegrationHub Tests, C=VN", RSA.Create(2048), NotBefore, NotAfter, timeStamping: true);
    }

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    private X509Certificate2 Issue(string name, string subject, AsymmetricAlgorithm key, DateTimeOffset from, DateTimeOffset to, bool timeStamping = false)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("key"),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (timeStamping)
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        var serial = BitConverter.GetBytes(++_serial).Reverse().ToArray();
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForRSA(_rootKey, RSASignaturePadding.Pkcs1), from, to, serial);
        var withKey = key switch
        {
            RSA rsa => issued.CopyWithPrivateKey(rsa),
            ECDsa ec => issued.CopyWithPrivateKey(ec),
            _ => throw new ArgumentException("key"),
        };
        Write(name, withKey, key);
        return withKey;
    }

    private void Write(string name, X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        File.WriteAllText(Path(name + ".pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path(name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
