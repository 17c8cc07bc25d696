using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>A root and two signers (RSA-2048, ECDSA P-256), made once per test class with CertificateRequest.</summary>
public sealed class PdfTestCertificates : IDisposable
{
    public static readonly DateTimeOffset SigningTime = new(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(7));

    private readonly RSA _rootKey = RSA.Create(2048);

    public PdfTestCertificates()
    {
        var request = new CertificateRequest("CN=PDF Test Root, O=IntegrationHub Tests, C=VN", _rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(SigningTime.AddYears(-1), SigningTime.AddYears(5));
        RsaSigner = Issue("CN=Nguyen Van A, O=Citizens, C=VN", RSA.Create(2048), 2);
        EcSigner = Issue("CN=Tran Thi B, O=Citizens, C=VN", ECDsa.Create(ECCurve.NamedCurves.nistP256), 3);
        Tsa = Issue("CN=PDF Test TSA, O=IntegrationHub Tests, C=VN", RSA.Create(2048), 4, timeStamping: true);
    }

    public X509Certificate2 Root { get; }
    public X509Certificate2 RsaSigner { get; }
    public X509Certificate2 EcSigner { get; }
    public X509Certificate2 Tsa { get; }

    private X509Certificate2 Issue(string subject, AsymmetricAlgorithm key, byte serial, bool timeStamping = false)
    {
        var request = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (timeStamping) request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForRSA(_rootKey, RSASignaturePadding.Pkcs1),
            SigningTime.AddYears(-1), SigningTime.AddYears(3), [serial]);
        return key is RSA r ? issued.CopyWithPrivateKey(r) : issued.CopyWithPrivateKey((ECDsa)key);
    }

    public void Dispose()
    {
        RsaSigner.Dispose();
        EcSigner.Dispose();
        Tsa.Dispose();
        Root.Dispose();
        _rootKey.Dispose();
    }
}
