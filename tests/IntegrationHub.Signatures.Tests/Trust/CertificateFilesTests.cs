using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Tests.Trust;

/// <summary>
/// The hub's own PEM reader (used by --trust/--untrusted) must load exactly the certificates the platform's
/// ImportFromPem loads, skip other labels, and refuse a broken CERTIFICATE block with a CryptographicException
/// (which `hub verify` turns into exit 66, cannot read input).
/// </summary>
public sealed class CertificateFilesTests
{
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, C=VN", key, HashAlgorithmName.SHA256);
        var now = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(now, now.AddYears(1));
    }

    [Fact]
    public void Pem_with_several_blocks_loads_the_certificates_the_platform_loads()
    {
        var a = SelfSigned("Sở Tư pháp A");
        var b = SelfSigned("B");
        using var key = RSA.Create(2048);
        var text = "comment line\r\n" + a.ExportCertificatePem().Replace("\n", "\r\n") + "\n"
                   + key.ExportPkcs8PrivateKeyPem() + "\n" + b.ExportCertificatePem() + "\n";

        var ours = CertificateFiles.DecodePemCertificates(text);
        var platform = new X509Certificate2Collection();
        platform.ImportFromPem(text);

        Assert.Equal(2, ours.Count);
        Assert.Equal(platform.Select(c => c.RawData), ours.Select(c => c.RawData));
        Assert.Equal(a.RawData, ours[0].RawData);
        Assert.Equal(b.RawData, ours[1].RawData);
    }

    [Fact]
    public void Loading_a_pem_file_gives_its_certificates()
    {
        var a = SelfSigned("File");
        var path = Path.Combine(Path.GetTempPath(), $"hub-pem-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, a.ExportCertificatePem());
        try { Assert.Equal(a.Thumbprint, Assert.Single(CertificateFiles.LoadCertificates([path])).Thumbprint); }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")]
    public void A_broken_certificate_block_is_a_cryptographic_error(string text)
    {
        Assert.Throws<CryptographicException>(() => CertificateFiles.DecodePemCertificates(text));
    }

    [Fact]
    public void A_pem_without_certificates_gives_none()
    {
        using var key = RSA.Create(2048);
        Assert.Empty(CertificateFiles.DecodePemCertificates(key.ExportPkcs8PrivateKeyPem()));
    }
}
