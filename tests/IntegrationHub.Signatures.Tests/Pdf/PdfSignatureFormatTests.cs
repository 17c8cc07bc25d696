using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>The PDF format module end to end: PDF structure plus the CMS reader over the streamed /ByteRange digest.</summary>
public sealed class PdfSignatureFormatTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    private static readonly PdfSignatureFormat Format = new();

    private static IReadOnlyList<IntegrationHub.Signatures.Validation.SignatureEvidence> Read(byte[] pdf) =>
        Format.Read(new SignedFile("a.pdf", new MemoryStream(pdf)));

    [Fact]
    public void Signed_pdf_gives_evidence_with_an_intact_ByteRange_digest_and_its_revision()
    {
        var evidence = Assert.Single(Read(TestPdfSigner.Sign(PdfSharpPdf.Make(), certs.RsaSigner)));
        Assert.Equal("S-1", evidence.Id);
        Assert.Equal(2, evidence.CoveredRevision);
        Assert.NotEmpty(evidence.References);
        Assert.All(evidence.References, r => Assert.True(r.Found && r.Intact, r.Detail));
        Assert.Empty(evidence.FormatErrors);
        Assert.Empty(evidence.Failures);
        Assert.NotNull(evidence.ClaimedSigningTime);
        Assert.Contains(evidence.Certificates, c => c.Subject.Contains("Nguyen Van A"));
    }

    [Fact]
    public void Changing_a_signed_byte_breaks_the_message_digest()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic("Hello"), certs.RsaSigner);
        var at = System.Text.Encoding.Latin1.GetString(signed).IndexOf("(Hello)", StringComparison.Ordinal);
        signed[at + 1] = (byte)'J';
        var evidence = Assert.Single(Read(signed));
        Assert.Contains(evidence.References, r => !r.Intact);
    }

    [Fact]
    public void Changing_a_byte_after_the_Contents_gap_breaks_the_message_digest_too()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var text = System.Text.Encoding.Latin1.GetString(signed);
        // The field name (written as a hex string) sits in the second /ByteRange segment.
        var at = text.LastIndexOf(Convert.ToHexString("Signature1"u8), StringComparison.Ordinal);
        Assert.True(at > text.LastIndexOf("/Contents", StringComparison.Ordinal));
        signed[at] = (byte)'4';
        var evidence = Assert.Single(Read(signed));
        Assert.Contains(evidence.References, r => !r.Intact);
    }

    [Fact]
    public void Two_signatures_are_numbered_in_revision_order()
    {
        var twice = TestPdfSigner.Sign(TestPdfSigner.Sign(MiniPdf.WithXrefStream(), certs.RsaSigner), certs.EcSigner);
        var evidence = Read(twice);
        Assert.Equal(["S-1", "S-2"], evidence.Select(e => e.Id));
        Assert.Equal([2, 3], evidence.Select(e => e.CoveredRevision!.Value));
        Assert.All(evidence, e => Assert.All(e.References, r => Assert.True(r.Intact)));
        Assert.Contains(evidence[0].Warnings, w => w.Contains("adds a signature"));
        Assert.All(evidence, e => Assert.Empty(e.Failures));
    }

    [Fact]
    public void Page_content_changed_after_signing_warns_modified_and_fails()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic("Pay 100"), certs.RsaSigner);
        var tampered = MiniPdf.AppendRevision(signed, (4, "<<>>", MiniPdf.Content("Pay 999")));
        var evidence = Assert.Single(Read(tampered));
        Assert.All(evidence.References, r => Assert.True(r.Intact)); // the signed revision itself is intact...
        Assert.Contains(evidence.Warnings, w => w.Contains("modified"));
        Assert.Contains(evidence.Failures, f => f.SubIndication == "FORMAT_FAILURE" && f.Message.Contains("modified")); // ...but it is not PASSED
    }

    [Fact]
    public void Form_filled_after_signing_is_a_warning_without_failure()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(withTextField: true), certs.RsaSigner);
        var filled = MiniPdf.AppendRevision(signed,
            (6, "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Nguyen) /Rect [72 600 300 620] /P 3 0 R>>", null));
        var evidence = Assert.Single(Read(filled));
        Assert.NotEmpty(evidence.Warnings);
        Assert.DoesNotContain(evidence.Warnings, w => w.Contains("modified"));
        Assert.Empty(evidence.Failures);
    }

    [Fact]
    public void ByteRange_not_covering_the_signed_revision_is_a_format_error()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var evidence = Assert.Single(Read(PdfRevisionTests.PatchByteRange(signed, r => [r[0], r[1], r[2], r[3] - 10])));
        Assert.NotEmpty(evidence.FormatErrors);
    }

    [Fact]
    public void Pdf_without_signature_gives_no_evidence()
    {
        Assert.Empty(Read(PdfSharpPdf.Make()));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("header only")]
    [InlineData("bad startxref")]
    public void Unreadable_input_is_a_SignatureFormatException_with_a_message(string kind)
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var input = kind switch
        {
            "empty" => [],
            "garbage" => System.Text.Encoding.ASCII.GetBytes(new string('x', 5000)),
            "truncated" => signed[..(signed.Length / 2)],
            "header only" => System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n"),
            _ => System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<<>>endobj\nstartxref\n999999\n%%EOF\n"),
        };
        var error = Assert.Throws<SignatureFormatException>(() => Read(input));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Recognizes_pdf_header_only()
    {
        Assert.True(Format.Recognizes("%PDF-1.7\n"u8));
        Assert.False(Format.Recognizes("<?xml version='1.0'?>"u8));
    }
}
