using System.Text;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using Xunit.Abstractions;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>
/// Issue 12: bytes after the last signed revision that are not a well-formed incremental update (an object appended
/// without an xref section or %%EOF of its own) are invisible to a strict reader but may be recovered and shown by a
/// lenient one: they are a modification after signing, never a silent pass. Well-formed updates stay as they were.
/// </summary>
public sealed class PdfAppendedBytesTests(PdfTestCertificates certs, ITestOutputHelper output) : IClassFixture<PdfTestCertificates>
{
    private const string Reason = "not a well-formed incremental update";
    private const string ForgedContent = "BT /F1 24 Tf 72 720 Td (Pay 999) Tj ET\n";

    /// <summary>The signed page's content stream (object 4 of MiniPdf.Classic) redefined, with no xref section pointing to it.</summary>
    private static readonly string ForgedPage = $"4 0 obj\n<</Length {ForgedContent.Length}>>\nstream\n{ForgedContent}endstream\nendobj\n";

    private static List<PdfSignatureInfo> Inspect(byte[] pdf) => PdfSignatureInspector.Inspect(PdfFile.Open(new MemoryStream(pdf)));

    private byte[] Signed() => TestPdfSigner.Sign(MiniPdf.Classic("Pay 100"), certs.RsaSigner);

    private static byte[] Append(byte[] pdf, string text) => [.. pdf, .. Encoding.Latin1.GetBytes(text)];

    public static TheoryData<string, string> Appendages => new()
    {
        { "an object alone", ForgedPage },
        { "an object and a %%EOF", ForgedPage + "%%EOF\n" },
        { "an object and a startxref to the signed xref", ForgedPage + "startxref\n{xref}\n%%EOF\n" },
        { "a comment", "% hostile\n" },
        { "one byte", "x" },
    };

    [Theory]
    [MemberData(nameof(Appendages))]
    public void Bytes_after_the_signed_revision_that_are_no_update_are_a_modification(string name, string appended)
    {
        var signed = Signed();
        var xref = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(signed), @"startxref\s+(\d+)").Last().Groups[1].Value;
        var info = Assert.Single(Inspect(Append(signed, appended.Replace("{xref}", xref))));
        Assert.True(info.Modifications.Any(m => m.Contains(Reason) && m.Contains($"from offset {signed.Length}")), $"{name}: {string.Join("; ", info.Modifications)}");
        Assert.Empty(info.FormatErrors);
    }

    [Fact]
    public void The_format_reports_it_as_a_format_failure_with_the_reason()
    {
        var evidence = Assert.Single(new PdfSignatureFormat().Read(new SignedFile("a.pdf", new MemoryStream(Append(Signed(), ForgedPage)))));
        Assert.Contains(evidence.Failures, f => f.SubIndication == "FORMAT_FAILURE" && f.Message.Contains(Reason));
        Assert.Contains(evidence.Warnings, w => w.Contains("Document modified after signing") && w.Contains(Reason));
        // The signed bytes themselves are intact: only what follows them is wrong.
        Assert.All(evidence.References, r => Assert.True(r.Intact));
    }

    [Fact]
    public void Blank_bytes_after_the_last_eof_and_well_formed_updates_are_not()
    {
        var signed = Signed();
        Assert.Empty(Assert.Single(Inspect(Append(signed, "\r\n  \0\0\n"))).Modifications);
        var filled = MiniPdf.AppendRevision(TestPdfSigner.Sign(MiniPdf.Classic(withTextField: true), certs.RsaSigner),
            (6, "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Nguyen) /Rect [72 600 300 620] /P 3 0 R>>", null));
        Assert.Empty(Assert.Single(Inspect(filled)).Modifications);
        var stamped = TestPdfSigner.Sign(signed, certs.EcSigner, subFilter: "ETSI.RFC3161");
        Assert.Empty(Assert.Single(Inspect(stamped)).Modifications);
        // An object appended after a well-formed update is caught all the same.
        Assert.Contains(Assert.Single(Inspect(Append(stamped, ForgedPage))).Modifications, m => m.Contains(Reason));
    }

    [RequiresToolFact("pdfsig")]
    public void Pdfsig_agrees_the_signature_no_longer_covers_the_whole_file()
    {
        var signed = Signed();
        Assert.Contains("Total document signed", PdfTools.Pdfsig(signed));
        var appended = PdfTools.Pdfsig(Append(signed, ForgedPage));
        output.WriteLine(appended);
        Assert.Contains("Not total document signed", appended);
    }

    [RequiresToolFact("qpdf")]
    public void Qpdf_reads_past_the_appended_object_as_if_it_were_not_there()
    {
        // Why a strict parse passed it: qpdf follows startxref to the signed revision and sees the signed page only.
        var path = Path.Combine(Path.GetTempPath(), $"hub-appended-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, Append(Signed(), ForgedPage));
        try
        {
            var (code, text) = Cms.Fixtures.Tools.Run("qpdf", "--show-object=4", "--filtered-stream-data", path);
            output.WriteLine($"{code}: {text}");
            Assert.Contains("Pay 100", text);
            Assert.DoesNotContain("Pay 999", text);
        }
        finally { File.Delete(path); }
    }
}
