using System.Security.Cryptography;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors of Stryker on Trust/CertificateFiles: what --trust, --untrusted and --crl read from files and folders
/// (empty files, several PEM blocks, other labels, the order of a folder) and what they say when a file is wrong.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class CertificateFilesMutationTests(TestPki pki) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hub-certfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, byte[] bytes) { var p = Path.Combine(_dir, name); File.WriteAllBytes(p, bytes); return p; }

    [Fact]
    public void A_folder_is_read_in_name_order_and_an_empty_file_adds_nothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "anchors")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "b-root.cer"), pki.Root.RawData);
        File.WriteAllText(Path.Combine(folder, "a-signers.pem"), pki.RsaSigner.ExportCertificatePem() + "\n" + pki.EcSigner.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(folder, "c-empty.cer"), []);

        var loaded = CertificateFiles.LoadCertificates([folder]);
        Assert.Equal([pki.RsaSigner.Thumbprint, pki.EcSigner.Thumbprint, pki.Root.Thumbprint], loaded.Select(c => c.Thumbprint));
        Assert.Equal([Path.Combine(folder, "a-signers.pem"), Path.Combine(folder, "b-root.cer"), Path.Combine(folder, "c-empty.cer")],
            CertificateFiles.ExpandPaths([folder]));
    }

    [Fact]
    public void PEM_blocks_of_other_labels_are_skipped_and_every_certificate_block_is_read()
    {
        var text = "issuer bundle\n" + pki.Tsa.ExportCertificatePem() + "\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" + pki.Root.ExportCertificatePem();
        Assert.Equal([pki.Tsa.Thumbprint, pki.Root.Thumbprint], CertificateFiles.DecodePemCertificates(text).Select(c => c.Thumbprint));
        Assert.Empty(CertificateFiles.DecodePemCertificates("no PEM here"));
    }

    [Fact]
    public void Broken_PEM_says_what_is_wrong()
    {
        var pem = pki.Root.ExportCertificatePem();
        var noEnd = Assert.Throws<CryptographicException>(() => CertificateFiles.DecodePemCertificates(pem[..pem.IndexOf("-----END", StringComparison.Ordinal)]));
        Assert.Equal("PEM: a CERTIFICATE block has no END line.", noEnd.Message);
        var badBase64 = Assert.Throws<CryptographicException>(() => CertificateFiles.DecodePemCertificates("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"));
        Assert.Equal("PEM: a CERTIFICATE block is not valid base64.", badBase64.Message);
    }

    [Fact]
    public void CRLs_are_read_as_DER_or_from_every_X509_CRL_block()
    {
        var crlA = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 };
        var crlB = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x02 };
        var pem = PemEncoding.WriteString("X509 CRL", crlA) + "\n" + PemEncoding.WriteString("CERTIFICATE", pki.Root.RawData) + "\n" + PemEncoding.WriteString("X509 CRL", crlB);
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "crls")).FullName;
        File.WriteAllText(Path.Combine(folder, "both.pem"), pem);
        File.WriteAllBytes(Path.Combine(folder, "root.crl"), crlB);
        File.WriteAllBytes(Path.Combine(folder, "zero.crl"), []);

        Assert.Equal([crlA, crlB, crlB], CertificateFiles.LoadCrls([folder]));
        Assert.Equal([crlA], CertificateFiles.DecodeCrls(crlA));
        Assert.Empty(CertificateFiles.DecodeCrls([]));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(_dir, "nope.pem");
        var e = Assert.Throws<FileNotFoundException>(() => CertificateFiles.LoadCertificates([Write("ok.cer", pki.Root.RawData), missing]));
        Assert.Equal($"No such file or folder: {missing}", e.Message);
        Assert.Equal(missing, e.FileName);
        Assert.Throws<FileNotFoundException>(() => CertificateFiles.LoadCrls([missing]));
    }
}
