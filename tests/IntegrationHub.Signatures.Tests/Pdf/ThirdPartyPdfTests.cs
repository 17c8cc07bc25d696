using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>Real PDFs from another producer (pdfTeX: PDF 1.5, object streams, xref streams) signed twice.</summary>
public sealed class ThirdPartyPdfTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    private const string TexPdf = "/usr/share/doc/libtasn1-doc/libtasn1.pdf";

    private async Task<byte[]> SignTwice()
    {
        var parameters = new SigningParameters(PdfTestCertificates.SigningTime, HashAlgorithmName.SHA256);
        var once = await LocalSigner.SignAsync(new PadesSigner(), await File.ReadAllBytesAsync(TexPdf), certs.RsaSigner, parameters);
        return await LocalSigner.SignAsync(new PadesSigner(), once, certs.EcSigner, parameters);
    }

    [RequiresFileFact(TexPdf)]
    public async Task PdfTeX_document_signed_twice_verifies_with_our_reader()
    {
        var twice = await SignTwice();

        var evidence = new PdfSignatureFormat().Read(new SignedFile("tex.pdf", new MemoryStream(twice)));
        Assert.Equal(2, evidence.Count);
        Assert.All(evidence, e => Assert.All(e.References, r => Assert.True(r.Intact)));
        Assert.All(evidence, e => Assert.Empty(e.Failures));
        Assert.All(evidence, e => Assert.Empty(e.FormatErrors));
        Assert.True(evidence[1].CoveredRevision == evidence[0].CoveredRevision + 1);
    }

    [RequiresFileFact(TexPdf, tool: "pdfsig")]
    public async Task PdfTeX_document_signed_twice_verifies_with_pdfsig() =>
        Assert.Equal(2, PdfTools.Count(PdfTools.Pdfsig(await SignTwice()), "Signature Validation: Signature is Valid."));
}
