using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A throwaway PKI in a folder: a root CA, a citizen's signing certificate and an agency seal (PKCS#12).</summary>
public sealed class TestPki
{
    public const string SealPassword = "seal-password";

    public string Folder { get; }
    public string RootPem => Path.Combine(Folder, "root.pem");
    public string CitizenCertPem => Path.Combine(Folder, "citizen.pem");
    public string CitizenKeyPem => Path.Combine(Folder, "citizen.key");
    public string SealP12 => Path.Combine(Folder, "seal.p12");
    public X509Certificate2 Citizen { get; }

    public TestPki(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(3072);
        var rootRequest = new CertificateRequest("CN=Test Root CA, O=IntegrationHub tests, C=VN", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-30), now.AddYears(5));
        File.WriteAllText(RootPem, root.ExportCertificatePem());

        using var citizenKey = RSA.Create(2048);
        Citizen = Issue(root, citizenKey, "CN=Trần Tấn Phú, SERIALNUMBER=CCCD:054090001234, C=VN", now, 2);
        File.WriteAllText(CitizenCertPem, Citizen.ExportCertificatePem());
        File.WriteAllText(CitizenKeyPem, citizenKey.ExportPkcs8PrivateKeyPem());

        using var sealKey = RSA.Create(2048);
        using var seal = Issue(root, sealKey, "CN=Sở Kế hoạch và Đầu tư, O=UBND tỉnh, C=VN", now, 3);
        using var sealWithKey = seal.CopyWithPrivateKey(sealKey);
        File.WriteAllBytes(SealP12, sealWithKey.Export(X509ContentType.Pkcs12, SealPassword));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, RSA key, string subject, DateTimeOffset now, byte serial)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        return request.Create(issuer, now.AddDays(-10), now.AddYears(2), [serial, 0x42]);
    }
}
