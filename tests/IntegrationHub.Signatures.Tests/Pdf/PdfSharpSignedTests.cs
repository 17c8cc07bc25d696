using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>A signature laid out by another signer (PDFsharp: adbe.pkcs7.detached, not incremental) is read correctly.</summary>
public sealed class PdfSharpSignedTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    [Fact]
    public void Pdfsharp_signature_is_found_with_an_intact_ByteRange_over_revision_1()
    {
        var evidence = Assert.Single(new PdfSignatureFormat().Read(new SignedFile("s.pdf", new MemoryStream(PdfSharpCmsSigner.MakeSignedPdf(certs.RsaSigner)))));
        Assert.Equal(1, evidence.CoveredRevision);
        Assert.Empty(evidence.FormatErrors);
        Assert.NotEmpty(evidence.References);
        Assert.All(evidence.References, r => Assert.True(r.Intact));
    }

    [RequiresToolFact("pdfsig")]
    public void Pdfsharp_signature_is_valid_for_pdfsig_too_so_both_tools_agree()
    {
        var output = PdfTools.Pdfsig(PdfSharpCmsSigner.MakeSignedPdf(certs.RsaSigner));
        Assert.Contains("Signature Validation: Signature is Valid.", output);
        Assert.Contains("adbe.pkcs7.detached", output);
    }

    [Fact]
    public void Our_incremental_signature_on_a_pdfsharp_signed_pdf_keeps_both_valid()
    {
        var twice = TestPdfSigner.Sign(PdfSharpCmsSigner.MakeSignedPdf(certs.RsaSigner), certs.EcSigner);
        var evidence = new PdfSignatureFormat().Read(new SignedFile("s.pdf", new MemoryStream(twice)));
        Assert.Equal([1, 2], evidence.Select(e => e.CoveredRevision!.Value));
        Assert.All(evidence, e => Assert.All(e.References, r => Assert.True(r.Intact)));
        Assert.All(evidence, e => Assert.Empty(e.Failures));
    }
}
