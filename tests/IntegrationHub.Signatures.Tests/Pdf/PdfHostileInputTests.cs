using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>Damaged and hostile PDFs give a format error or evidence with errors, never another exception.</summary>
public sealed class PdfHostileInputTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    [Fact]
    public void Randomly_damaged_signed_pdfs_never_throw_anything_but_SignatureFormatException()
    {
        var originals = new[]
        {
            TestPdfSigner.Sign(MiniPdf.Classic(withTextField: true), certs.RsaSigner),
            TestPdfSigner.Sign(MiniPdf.WithXrefStream(), certs.EcSigner),
        };
        var random = new Random(2026);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 600; i++)
        {
            var pdf = (byte[])originals[i % 2].Clone();
            switch (i % 3)
            {
                case 0: // flip bytes, mostly in the tail where the structure is
                    for (var k = 0; k < 1 + random.Next(4); k++)
                        pdf[Math.Max(0, pdf.Length - 1 - random.Next(Math.Min(pdf.Length, 3000)))] = (byte)random.Next(256);
                    break;
                case 1: // overwrite a structural digit
                    var digits = Enumerable.Range(0, pdf.Length).Where(p => pdf[p] is >= (byte)'0' and <= (byte)'9').ToArray();
                    pdf[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                    break;
                default: // truncate
                    pdf = pdf[..random.Next(pdf.Length)];
                    break;
            }
            string outcome;
            try
            {
                var evidence = new PdfSignatureFormat().Read(new SignedFile("x.pdf", new MemoryStream(pdf)));
                outcome = evidence.Count == 0 ? "none" : evidence.Any(e => e.FormatErrors.Count > 0) ? "errors" : "read";
            }
            catch (SignatureFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                outcome = "format exception";
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        Assert.True(outcomes.GetValueOrDefault("format exception") > 0);
    }

    [Fact]
    public void Xref_chain_that_loops_is_a_format_error()
    {
        var pdf = MiniPdf.Classic();
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var xref = text.LastIndexOf("xref\n0", StringComparison.Ordinal);
        var looping = System.Text.Encoding.Latin1.GetBytes(text.Replace("/Root 1 0 R", $"/Root 1 0 R /Prev {xref}"));
        var error = Assert.Throws<SignatureFormatException>(() => new PdfSignatureFormat().Read(new SignedFile("x.pdf", new MemoryStream(looping))));
        Assert.Contains("loop", error.Message);
    }

    [Fact]
    public void Deeply_nested_arrays_are_a_format_error_not_a_stack_overflow()
    {
        var nested = new string('[', 100_000) + new string(']', 100_000);
        var pdf = MiniPdf.AppendRevision(MiniPdf.Classic(), (7, $"<</Type /Sig /ByteRange {nested} /Contents <00>>>", null));
        var evidence = new PdfSignatureFormat().Read(new SignedFile("x.pdf", new MemoryStream(pdf)));
        Assert.Empty(evidence); // the unreadable object is skipped; nothing else is a signature
    }

    [Fact]
    public void Signature_dictionary_with_a_garbage_Contents_gives_a_format_error_on_that_signature()
    {
        var pdf = MiniPdf.AppendRevision(MiniPdf.Classic(), (7, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <3003020100>>>", null));
        var evidence = Assert.Single(new PdfSignatureFormat().Read(new SignedFile("x.pdf", new MemoryStream(pdf))));
        Assert.NotEmpty(evidence.FormatErrors);
    }
}
