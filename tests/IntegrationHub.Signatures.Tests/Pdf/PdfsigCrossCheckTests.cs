using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>Our incremental signatures, checked by an independent validator: poppler's pdfsig.</summary>
public sealed class PdfsigCrossCheckTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    [RequiresToolFact("pdfsig")]
    public void Signed_hand_made_pdf_is_valid_for_pdfsig()
    {
        var output = PdfTools.Pdfsig(TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner));
        Assert.Contains("Signature Validation: Signature is Valid.", output);
        Assert.Contains("ETSI.CAdES.detached", output);
        Assert.Contains("Nguyen Van A", output);
        Assert.Contains("Total document signed", output);
    }

    [RequiresToolFact("pdfsig")]
    public void Signed_pdf_with_xref_stream_is_valid_for_pdfsig()
    {
        var output = PdfTools.Pdfsig(TestPdfSigner.Sign(MiniPdf.WithXrefStream(), certs.EcSigner));
        Assert.Contains("Signature Validation: Signature is Valid.", output);
        Assert.Contains("Total document signed", output);
    }

    [RequiresToolFact("pdfsig")]
    public void Signed_pdfsharp_pdf_is_valid_for_pdfsig()
    {
        var output = PdfTools.Pdfsig(TestPdfSigner.Sign(PdfSharpPdf.Make(), certs.RsaSigner));
        Assert.Contains("Signature Validation: Signature is Valid.", output);
    }

    [RequiresToolFact("pdfsig")]
    public void Two_incremental_signatures_are_both_valid_for_pdfsig()
    {
        var once = TestPdfSigner.Sign(PdfSharpPdf.Make(), certs.RsaSigner);
        var twice = TestPdfSigner.Sign(once, certs.EcSigner);
        var output = PdfTools.Pdfsig(twice);
        Assert.Contains("Signature #2", output);
        Assert.Equal(2, PdfTools.Count(output, "Signature Validation: Signature is Valid."));
        // pdfsig tells the first one apart: it does not cover the whole (final) document.
        Assert.Contains("Not total document signed", output);
    }

    [RequiresToolFact("pdfsig")]
    public void Pdfsig_rejects_a_signed_pdf_whose_signed_bytes_were_changed()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic("Hello"), certs.RsaSigner);
        var text = System.Text.Encoding.Latin1.GetString(signed);
        var at = text.IndexOf("(Hello)", StringComparison.Ordinal);
        signed[at + 1] = (byte)'J';
        Assert.DoesNotContain("Signature Validation: Signature is Valid.", PdfTools.Pdfsig(signed));
    }
}
