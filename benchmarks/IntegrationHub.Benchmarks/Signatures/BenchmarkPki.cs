using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Benchmarks.Signatures;

/// <summary>A root, an RSA-2048 signer and an empty CRL, made in memory; the path validator every verify benchmark uses.</summary>
public sealed class BenchmarkPki
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    public X509Certificate2 Root { get; }
    public X509Certificate2 Signer { get; }
    public byte[] Crl { get; }

    public BenchmarkPki()
    {
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Benchmark Root, C=VN", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));

        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Benchmark Signer, C=VN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var issued = request.Create(Root, Now.AddMonths(-6), Now.AddYears(2), [1, 2, 3, 4]);
        Signer = issued.CopyWithPrivateKey(key);

        Crl = new CertificateRevocationListBuilder().Build(Root, 1, Now.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, Now.AddHours(-1));
    }

    public ICertificatePathValidator PathValidator(TimeProvider time) =>
        new CertificatePathValidator(new TrustStore([Root]), new RevocationOptions { Crls = [Crl] }, time);
}
