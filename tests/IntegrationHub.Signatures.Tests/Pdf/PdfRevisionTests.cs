using System.Text;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>Structure only (no cryptography): /ByteRange, covered revisions, and what later updates changed.</summary>
public sealed class PdfRevisionTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    private static List<PdfSignatureInfo> Inspect(byte[] pdf) => PdfSignatureInspector.Inspect(PdfFile.Open(new MemoryStream(pdf)));

    [Fact]
    public void Signature_covers_the_revision_it_added_and_nothing_follows()
    {
        var info = Assert.Single(Inspect(TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner)));
        Assert.Equal(2, info.CoveredRevision);
        Assert.Equal(2, info.RevisionCount);
        Assert.Equal("ETSI.CAdES.detached", info.SubFilter);
        Assert.Empty(info.FormatErrors);
        Assert.Empty(info.Warnings);
        Assert.Empty(info.Modifications);
        Assert.Equal(PdfTestCertificates.SigningTime, info.SigningTimeM);
        Assert.Equal(0x30, info.Contents[0]);
    }

    [Fact]
    public void Two_signatures_cover_consecutive_revisions_and_the_later_one_is_only_a_warning()
    {
        var twice = TestPdfSigner.Sign(TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner), certs.EcSigner, "adbe.pkcs7.detached");
        var infos = Inspect(twice);
        Assert.Equal(2, infos.Count);
        Assert.Equal([2, 3], infos.Select(i => i.CoveredRevision!.Value));
        Assert.Contains(infos[0].Warnings, w => w.Contains("adds a signature"));
        Assert.Empty(infos[0].Modifications);
        Assert.Empty(infos[1].Warnings);
        Assert.All(infos, i => Assert.Empty(i.FormatErrors));
    }

    [Fact]
    public void Signing_a_pdf_with_xref_streams_writes_an_xref_stream_and_is_read_back()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.WithXrefStream(), certs.RsaSigner);
        var file = PdfFile.Open(new MemoryStream(signed));
        Assert.True(file.Latest.Sections[^1].IsStream);
        var info = Assert.Single(Inspect(signed));
        Assert.Equal(2, info.CoveredRevision);
        Assert.Empty(info.FormatErrors);
    }

    [Fact]
    public void Changing_page_content_after_signing_is_reported_as_modified()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic("Pay 100"), certs.RsaSigner);
        var tampered = MiniPdf.AppendRevision(signed, (4, "<<>>", MiniPdf.Content("Pay 999")));
        var info = Assert.Single(Inspect(tampered));
        Assert.Equal(2, info.CoveredRevision);
        Assert.Contains(info.Modifications, m => m.Contains("object 4"));
    }

    [Fact]
    public void Replacing_the_page_contents_reference_after_signing_is_reported_as_modified()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic("Pay 100"), certs.RsaSigner);
        var tampered = MiniPdf.AppendRevision(signed,
            (99, "<<>>", MiniPdf.Content("Pay 999")),
            (3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 99 0 R /Resources <</Font <</F1 5 0 R>>>>>>", null));
        var info = Assert.Single(Inspect(tampered));
        Assert.Contains(info.Modifications, m => m.Contains("/Contents"));
    }

    [Fact]
    public void Adding_a_page_after_signing_is_reported_as_modified()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var tampered = MiniPdf.AppendRevision(signed,
            (98, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>", null),
            (2, "<</Type /Pages /Kids [3 0 R 98 0 R] /Count 2>>", null));
        Assert.Contains(Assert.Single(Inspect(tampered)).Modifications, m => m.Contains("page tree"));
    }

    [Fact]
    public void Filling_a_form_field_after_signing_is_only_a_warning()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(withTextField: true), certs.RsaSigner);
        var filled = MiniPdf.AppendRevision(signed,
            (6, "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Nguyen) /Rect [72 600 300 620] /P 3 0 R>>", null));
        var info = Assert.Single(Inspect(filled));
        Assert.Empty(info.Modifications);
        Assert.Contains(info.Warnings, w => w.Contains("form fields"));
        Assert.Contains(info.Warnings, w => w.Contains("revision 2 of 3"));
    }

    [Fact]
    public void ByteRange_that_stops_before_the_end_of_its_revision_is_an_error()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var info = Assert.Single(Inspect(PatchByteRange(signed, r => [r[0], r[1], r[2], r[3] - 10])));
        Assert.Contains(info.FormatErrors, e => e.Contains("not the end of a revision"));
        Assert.Null(info.CoveredRevision);
    }

    [Fact]
    public void ByteRange_whose_gap_is_not_the_Contents_string_is_an_error()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var info = Assert.Single(Inspect(PatchByteRange(signed, r => [r[0], r[1] - 20, r[2] - 20, r[3] + 20])));
        Assert.Contains(info.FormatErrors, e => e.Contains("gap"));
    }

    [Fact]
    public void ByteRange_not_starting_at_zero_is_an_error()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var info = Assert.Single(Inspect(PatchByteRange(signed, r => [5, r[1] - 5, r[2], r[3]])));
        Assert.Contains(info.FormatErrors, e => e.Contains("start at 0"));
    }

    [Fact]
    public void Unsupported_sub_filter_is_an_error()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner, subFilter: "adbe.x509.rsa_sha1");
        Assert.Contains(Assert.Single(Inspect(signed)).FormatErrors, e => e.Contains("/SubFilter"));
    }

    [Fact]
    public void Document_timestamp_is_not_taken_for_a_signature_but_becomes_its_archive_timestamp()
    {
        var signed = TestPdfSigner.Sign(MiniPdf.Classic(), certs.RsaSigner);
        var stamped = TestPdfSigner.Sign(signed, certs.EcSigner, subFilter: "ETSI.RFC3161");
        var info = Assert.Single(Inspect(stamped));
        Assert.Empty(info.FormatErrors);
        Assert.Contains(info.Warnings, w => w.Contains("adds a document timestamp"));
        Assert.Equal(3, Assert.Single(info.ArchiveTimestamps).CoveredRevision);
    }

    [Fact]
    public void Pdf_without_signatures_has_none()
    {
        Assert.Empty(Inspect(MiniPdf.Classic()));
        Assert.Empty(Inspect(MiniPdf.WithXrefStream()));
        Assert.Empty(Inspect(PdfSharpPdf.Make()));
    }

    /// <summary>Rewrites the /ByteRange array in place (same width) with other numbers.</summary>
    internal static byte[] PatchByteRange(byte[] pdf, Func<long[], long[]> change)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var start = text.LastIndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange ".Length;
        var end = text.IndexOf(']', start) + 1;
        var values = text[(start + 1)..(end - 1)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        var replacement = $"[{string.Join(' ', change(values))}]";
        var width = text.IndexOf("/Contents", start, StringComparison.Ordinal) - start;
        var copy = (byte[])pdf.Clone();
        Encoding.ASCII.GetBytes(replacement.PadRight(width - 1)).CopyTo(copy, start);
        return copy;
    }
}
