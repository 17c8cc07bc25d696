using System.Text;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// PdfByteRange.Check, rule by rule (ISO 32000 §12.8.1, ETSI EN 319 142-1 §5.1): each rule broken alone gives its
/// own message and no covered revision, and each rule's edge (touching ranges, the file's last byte, a revision
/// end with or without its end-of-line) is accepted.
/// </summary>
public sealed class PdfByteRangeMutationTests
{
    private static readonly byte[] Pdf = MiniPdf.Classic();
    private static readonly PdfFile File = PdfFile.Open(new MemoryStream(Pdf));

    // A gap [100, 200) and a second range to the end of the file: the shape every signer writes.
    private const long GapStart = 100, GapEnd = 200;

    private static PdfSignatureDictionary Signature(PdfObject? byteRange, PdfObject? contents, bool inObjectStream = false)
    {
        var entries = new Dictionary<string, PdfObject>();
        if (byteRange is not null) entries["ByteRange"] = byteRange;
        if (contents is not null) entries["Contents"] = contents;
        return new PdfSignatureDictionary(5, new PdfDict(entries), inObjectStream);
    }

    private static PdfArray Ranges(params string[] values) => new([.. values.Select(v => (PdfObject)new PdfNumber(v))]);

    private static PdfArray Ranges(long a, long b, long c, long d) => Ranges($"{a}", $"{b}", $"{c}", $"{d}");

    private static PdfString Contents(long start = GapStart, long end = GapEnd, bool hex = true) => new([0x30], hex, start, end);

    private static PdfByteRange.Result Check(PdfArray? ranges, PdfObject? contents = null, bool inObjectStream = false) =>
        PdfByteRange.Check(File, Signature(ranges, contents ?? Contents(), inObjectStream));

    private static long RevisionEnd => File.Latest.End;

    [Fact]
    public void A_well_formed_range_covers_the_revision_it_ends()
    {
        var result = Check(Ranges(0, GapStart, GapEnd, Pdf.Length - GapEnd));

        Assert.Empty(result.Errors);
        Assert.Equal([0, GapStart, GapEnd, Pdf.Length - GapEnd], result.Ranges!);
        Assert.Same(File.Latest, result.CoveredRevision);
    }

    [Fact]
    public void The_revision_may_end_at_its_EOF_marker_or_after_its_end_of_line()
    {
        Assert.True(File.Latest.EndWithEol > RevisionEnd, "the sample ends %%EOF then a newline");

        Assert.Same(File.Latest, Check(Ranges(0, GapStart, GapEnd, RevisionEnd - GapEnd)).CoveredRevision);
        Assert.Same(File.Latest, Check(Ranges(0, GapStart, GapEnd, File.Latest.EndWithEol - GapEnd)).CoveredRevision);

        var short1 = Check(Ranges(0, GapStart, GapEnd, RevisionEnd - 1 - GapEnd));
        Assert.Null(short1.CoveredRevision);
        Assert.Equal($"/ByteRange ends at {RevisionEnd - 1}, which is not the end of a revision (%%EOF): it does not cover the signed revision.",
            Assert.Single(short1.Errors));
    }

    [Theory]
    [InlineData("0 100 200")]
    [InlineData("0 100 200 50 10")]
    [InlineData("0 100.0 200 50")]
    [InlineData("0 100 -200 50")]
    [InlineData("-1 100 200 50")]
    [InlineData("")]
    public void Anything_but_four_non_negative_integers_is_refused_alone(string values)
    {
        var result = Check(Ranges(values.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Null(result.Ranges!);
        Assert.Null(result.CoveredRevision);
        Assert.Equal("/ByteRange is not four non-negative integers.", Assert.Single(result.Errors));
    }

    [Fact]
    public void A_missing_range_or_one_holding_a_name_is_refused()
    {
        Assert.Equal("/ByteRange is not four non-negative integers.", Assert.Single(Check(null).Errors));
        var withName = new PdfArray([new PdfNumber("0"), new PdfName("x"), new PdfNumber("200"), new PdfNumber("1")]);
        Assert.Equal("/ByteRange is not four non-negative integers.", Assert.Single(Check(withName).Errors));
        Assert.Equal("/ByteRange is not four non-negative integers.", Assert.Single(
            PdfByteRange.Check(File, Signature(new PdfNumber("0"), Contents())).Errors));
    }

    [Fact]
    public void A_range_that_does_not_start_at_zero_is_refused()
    {
        var result = Check(Ranges(1, GapStart - 1, GapEnd, Pdf.Length - GapEnd));

        Assert.Null(result.CoveredRevision);
        Assert.Equal("/ByteRange does not start at 0 (starts at 1).", Assert.Single(result.Errors));
    }

    [Fact]
    public void Overlapping_ranges_are_refused_and_touching_ones_are_not_overlap()
    {
        var overlap = Check(Ranges(0, GapStart, GapStart - 1, Pdf.Length - GapStart + 1), Contents(GapStart, GapStart - 1));
        Assert.Contains("/ByteRange ranges overlap or are out of order.", overlap.Errors);
        Assert.Null(overlap.CoveredRevision);

        var touching = Check(Ranges(0, GapStart, GapStart, Pdf.Length - GapStart), Contents(GapStart, GapStart));
        Assert.DoesNotContain("/ByteRange ranges overlap or are out of order.", touching.Errors);
        Assert.Empty(touching.Errors);
    }

    [Fact]
    public void A_range_past_the_end_of_the_file_is_refused()
    {
        var result = Check(Ranges(0, GapStart, GapEnd, Pdf.Length - GapEnd + 1));

        Assert.Contains($"/ByteRange goes beyond the end of the file ({Pdf.Length + 1} > {Pdf.Length}).", result.Errors);
        Assert.Null(result.CoveredRevision);
    }

    [Fact]
    public void The_gap_must_be_exactly_the_hex_Contents_string()
    {
        var ranges = Ranges(0, GapStart, GapEnd, Pdf.Length - GapEnd);

        foreach (var (start, end) in new[] { (GapStart + 1, GapEnd), (GapStart - 1, GapEnd), (GapStart, GapEnd - 1), (GapStart, GapEnd + 1) })
        {
            var result = Check(ranges, Contents(start, end));
            Assert.Null(result.CoveredRevision);
            Assert.Equal($"The /ByteRange gap [{GapStart}, {GapEnd}) is not the /Contents string [{start}, {end}) of the signature dictionary.",
                Assert.Single(result.Errors));
        }

        Assert.Equal("/Contents is missing or not a hex string.", Assert.Single(Check(ranges, Contents(hex: false)).Errors));
        Assert.Equal("/Contents is missing or not a hex string.", Assert.Single(Check(ranges, new PdfName("Contents")).Errors));
        Assert.Equal("/Contents is missing or not a hex string.",
            Assert.Single(PdfByteRange.Check(File, Signature(ranges, null)).Errors));
    }

    [Fact]
    public void A_signature_dictionary_in_an_object_stream_cannot_have_its_Contents_as_the_gap()
    {
        var result = Check(Ranges(0, GapStart, GapEnd, Pdf.Length - GapEnd), inObjectStream: true);

        Assert.Null(result.CoveredRevision);
        Assert.Equal("The signature dictionary is inside an object stream, so its /Contents cannot be the /ByteRange gap.",
            Assert.Single(result.Errors));
    }

    [Fact]
    public void Covering_the_whole_file_is_not_enough_when_the_file_does_not_end_a_revision()
    {
        var pdf = Pdf.Concat(Encoding.ASCII.GetBytes("% appended after the last %%EOF\n")).ToArray();
        var file = PdfFile.Open(new MemoryStream(pdf));

        var result = PdfByteRange.Check(file, Signature(Ranges(0, GapStart, GapEnd, pdf.Length - GapEnd), Contents()));

        Assert.Null(result.CoveredRevision);
        Assert.Equal("/ByteRange covers the whole file but the file does not end with a revision (%%EOF).", Assert.Single(result.Errors));
    }

    [Fact]
    public void Of_two_revisions_the_one_the_range_ends_is_the_covered_one()
    {
        var pdf = MiniPdf.AppendRevision(Pdf, (9, "<</Type /Annot>>", null));
        var file = PdfFile.Open(new MemoryStream(pdf));
        Assert.Equal(2, file.Revisions.Count);

        var first = PdfByteRange.Check(file, Signature(Ranges(0, GapStart, GapEnd, file.Revisions[0].End - GapEnd), Contents()));
        var second = PdfByteRange.Check(file, Signature(Ranges(0, GapStart, GapEnd, pdf.Length - GapEnd), Contents()));

        Assert.Same(file.Revisions[0], first.CoveredRevision);
        Assert.Same(file.Revisions[1], second.CoveredRevision);
    }

    [Fact]
    public void Every_broken_rule_is_reported_together()
    {
        var result = Check(Ranges(3, GapStart, GapStart, Pdf.Length), Contents(1, 2), inObjectStream: false);

        Assert.Equal(5, result.Errors.Count);
        Assert.Equal("/ByteRange does not start at 0 (starts at 3).", result.Errors[0]);
        Assert.Equal("/ByteRange ranges overlap or are out of order.", result.Errors[1]);
        Assert.StartsWith("/ByteRange goes beyond the end of the file", result.Errors[2]);
        Assert.StartsWith("The /ByteRange gap [103, 100)", result.Errors[3]);
        Assert.Equal($"/ByteRange ends at {GapStart + Pdf.Length}, which is not the end of a revision (%%EOF): it does not cover the signed revision.",
            result.Errors[4]);
        Assert.Equal([3, GapStart, GapStart, Pdf.Length], result.Ranges!);
    }
}
