using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Tests.Augmentation;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>
/// One XAdES signature taken through every level once (B-T, B-LT, B-LTA, renewed B-LTA) against the loopback CA, `openssl
/// ocsp` and TSA of a <see cref="LongTermPki"/>; the tests read and tamper with these files. The signed XML has CRLF line
/// ends and single-quoted attributes (canonically the same as the signer's output), so an augmenter that re-serialized it
/// would show.
/// </summary>
public sealed class XadesLongTermFixture : IAsyncLifetime
{
    public const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hoSo xmlns=\"urn:integrationhub:test\" loai=\"cấp phép\">\n" +
                              "  <maHoSo>000.00.12.H12-261207-0001</maHoSo>\n  <nguoiNop>Trần Tấn Phú</nguoiNop>\n  <ghiChu/>\n</hoSo>\n";

    public LongTermPki Pki { get; } = new();
    public SignatureAugmenter Augmenter { get; } = new(TimeProvider.System);
    public byte[] Bt { get; private set; } = [];
    public byte[] Lt { get; private set; } = [];
    public byte[] Lta { get; private set; } = [];
    public byte[] Renewed { get; private set; } = [];
    public ValidationReport LtReport { get; private set; } = null!;
    public ValidationReport LtaReport { get; private set; } = null!;
    public ValidationReport RenewedReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!ExternalTool.IsOnPath("openssl")) return; // the tests that need these files are skipped saying so
        await using var servers = Pki.Serve();
        Bt = Rewritten(await SignAsync(servers.TsaClient));
        var lt = await Augmenter.AugmentAsync(Bt, null, AugmentationTarget.Lt, AugmentationSupport.Online(Pki, servers));
        var lta = await Augmenter.AugmentAsync(lt.Document, null, AugmentationTarget.Lta, AugmentationSupport.Online(Pki, servers));
        var renewed = await Augmenter.AugmentAsync(lta.Document, null, AugmentationTarget.Lta, AugmentationSupport.Online(Pki, servers));
        (Lt, LtReport, Lta, LtaReport, Renewed, RenewedReport) = (lt.Document, lt.Report, lta.Document, lta.Report, renewed.Document, renewed.Report);
    }

    /// <summary>A XAdES enveloped signature by the long-term signer, with the issuing CA in KeyInfo; B-T when a TSA is given.</summary>
    public async Task<byte[]> SignAsync(ITimestampClient? tsa)
    {
        using var key = Pki.Signer.WithKey();
        var parameters = new SigningParameters(Pki.Now, HashAlgorithmName.SHA256, [Pki.IssuingCa.Certificate], WithTimestamp: tsa is not null);
        return await LocalSigner.SignAsync(new XadesSigner(), Encoding.UTF8.GetBytes(Xml), key, parameters, tsa);
    }

    /// <summary>CRLF line ends and single quotes on the document element's attribute: the same canonical XML, other bytes.</summary>
    public static byte[] Rewritten(byte[] signed)
    {
        var text = Encoding.UTF8.GetString(signed).Replace("\n", "\r\n").Replace("loai=\"cấp phép\"", "loai='cấp phép'");
        return Encoding.UTF8.GetBytes(text);
    }

    public static ValidationReport Validate(byte[] document, ValidationOptions options)
    {
        using var file = new MemoryStream(document);
        return new SignatureValidator(TimeProvider.System).Validate(new SignedFile("signature.xml", file), options);
    }

    public static SignatureEvidence Evidence(byte[] document)
    {
        using var file = new MemoryStream(document);
        return new XmlSignatureFormat().Read(new SignedFile("signature.xml", file)).Single();
    }

    public Task DisposeAsync()
    {
        Pki.Dispose();
        return Task.CompletedTask;
    }
}
