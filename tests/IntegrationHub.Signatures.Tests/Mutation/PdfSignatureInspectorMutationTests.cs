using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The PDF layer's own readings of a signature: the /M date (ISO 32000-1 §7.9.4), the DER element inside the
/// zero-padded /Contents, the sub-filter, document timestamps and bytes after the last %%EOF.
/// </summary>
public sealed class PdfSignatureInspectorMutationTests
{
    [Theory]
    [InlineData("D:20261128093015+07'00'", 2026, 11, 28, 9, 30, 15, 7 * 60)]
    [InlineData("D:20261128093015-03'30'", 2026, 11, 28, 9, 30, 15, -(3 * 60 + 30))]
    [InlineData("D:20261128093015Z", 2026, 11, 28, 9, 30, 15, 0)]
    [InlineData("D:20261128093015+0530", 2026, 11, 28, 9, 30, 15, 5 * 60 + 30)]
    [InlineData("D:20261128093015+07", 2026, 11, 28, 9, 30, 15, 7 * 60)]
    [InlineData("D:20261128093015+", 2026, 11, 28, 9, 30, 15, 0)]
    [InlineData("20261128093015", 2026, 11, 28, 9, 30, 15, 0)]
    [InlineData("D:2026112809", 2026, 11, 28, 9, 0, 0, 0)]
    [InlineData("D:202611", 2026, 11, 1, 0, 0, 0, 0)]
    [InlineData("D:2026", 2026, 1, 1, 0, 0, 0, 0)]
    [InlineData("D:20261", 2026, 1, 1, 0, 0, 0, 0)]        // a month of one digit is not read
    public void PDF_dates_are_read_with_every_part_after_the_year_optional(
        string text, int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
    {
        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes));
        var parsed = PdfSignatureInspector.ParseDate(text);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected.Offset, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("D:202")]
    [InlineData("")]
    [InlineData("D:")]
    [InlineData("yesterday")]
    [InlineData("D:20261332")]           // month 13
    [InlineData("D:20260230")]           // 30 February
    [InlineData("D:20261128250000")]     // hour 25
    [InlineData("D:20261128093015+15'00'")] // beyond ±14 h
    public void Dates_that_are_not_dates_are_null(string text)
    {
        Assert.Null(PdfSignatureInspector.ParseDate(text));
    }

    [Theory]
    [InlineData("3003020105" + "000000", "3003020105")]                 // short form, padding dropped
    [InlineData("3003020105", "3003020105")]                            // nothing to drop
    [InlineData("308103020105" + "0000", "308103020105")]               // long form, one length byte
    [InlineData("30820003020105" + "00", "30820003020105")]             // long form, two length bytes
    [InlineData("3084000000030201050000", "30840000000302010" + "5")] // four length bytes
    [InlineData("3005020105", "3005020105")]                            // says 5, holds 3: left as is
    [InlineData("308503020105", "308503020105")]                        // five length bytes: not DER we trim
    [InlineData("3080020105", "3080020105")]                            // indefinite length: left as is
    [InlineData("3082", "3082")]                                        // length bytes missing
    [InlineData("0403020105", "0403020105")]                            // not a SEQUENCE
    [InlineData("30", "30")]
    [InlineData("", "")]
    public void Contents_keep_the_DER_element_without_its_zero_padding(string hex, string expected)
    {
        Assert.Equal(Convert.FromHexString(expected), PdfSignatureInspector.TrimDer(Convert.FromHexString(hex)));
    }

    private static List<PdfSignatureInfo> Inspect(byte[] pdf) => PdfSignatureInspector.Inspect(PdfFile.Open(new MemoryStream(pdf)));

    [Theory]
    [InlineData("/SubFilter /adbe.pkcs7.detached", null)]
    [InlineData("/SubFilter /ETSI.CAdES.detached", null)]
    [InlineData("/SubFilter /adbe.pkcs7.sha1", "Unsupported signature /SubFilter /adbe.pkcs7.sha1: only adbe.pkcs7.detached and ETSI.CAdES.detached are validated.")]
    [InlineData("", "Unsupported signature /SubFilter (none): only adbe.pkcs7.detached and ETSI.CAdES.detached are validated.")]
    public void Only_the_detached_sub_filters_are_validated(string subFilter, string? error)
    {
        var info = Assert.Single(Inspect(MiniPdf.AppendUpdate(MiniPdf.Classic(), null, (8, $"<</Type /Sig {subFilter} /Contents <3003020105>>>", null))));

        if (error is null) Assert.DoesNotContain(info.FormatErrors, e => e.Contains("SubFilter"));
        else Assert.Contains(error, info.FormatErrors);
        Assert.Equal(Convert.FromHexString("3003020105"), info.Contents);
    }

    [Fact]
    public void Empty_contents_and_the_M_date_are_read_from_the_dictionary()
    {
        var info = Assert.Single(Inspect(MiniPdf.AppendUpdate(MiniPdf.Classic(), null,
            (8, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /Contents <> /M (D:20261128093015+07'00')>>", null))));

        Assert.Contains("/Contents is empty.", info.FormatErrors);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 30, 15, TimeSpan.FromHours(7)), info.SigningTimeM);
        Assert.Equal(8, info.ObjectNumber);
        Assert.Equal(2, info.RevisionCount);
        Assert.Null(info.CoveredRevision);
    }

    [Fact]
    public void Document_timestamps_are_not_signatures_and_their_structure_is_checked()
    {
        var pdf = MiniPdf.AppendUpdate(MiniPdf.Classic(), null,
            (8, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /Contents <3003020105>>>", null),
            (9, "<</Type /DocTimeStamp /SubFilter /adbe.pkcs7.detached /Contents <>>>", null),
            (10, "<</SubFilter /ETSI.RFC3161 /ByteRange [0 1 2 3] /Contents <3003020106>>>", null));

        var info = Assert.Single(Inspect(pdf));

        Assert.Equal(8, info.ObjectNumber);
        // The signature's /ByteRange is broken, so every document timestamp is attached to it (to fail loudly).
        Assert.Equal([9, 10], info.ArchiveTimestamps.Select(t => t.ObjectNumber));
        var nine = info.ArchiveTimestamps[0];
        Assert.Contains("Document timestamp in object 9: its /SubFilter is not /ETSI.RFC3161.", nine.Errors);
        Assert.Contains("Document timestamp in object 9: /Contents is empty.", nine.Errors);
        Assert.Contains("Document timestamp in object 9: /ByteRange is not four non-negative integers.", nine.Errors);
        var ten = info.ArchiveTimestamps[1];
        Assert.DoesNotContain(ten.Errors, e => e.Contains("SubFilter"));
        Assert.Equal(Convert.FromHexString("3003020106"), ten.Token);
        Assert.Equal([0, 1, 2, 3], ten.ByteRange!);
    }

    [Theory]
    [InlineData("\n\r\n \t\f\0", false)]
    [InlineData("\n% junk", true)]
    [InlineData("x", true)]
    public void Bytes_after_the_last_revision_are_a_modification_unless_blank(string tail, bool modified)
    {
        var pdf = MiniPdf.AppendUpdate(MiniPdf.Classic(), null, (8, "<</Type /Sig /SubFilter /ETSI.CAdES.detached /Contents <3003020105>>>", null));
        var file = PdfFile.Open(new MemoryStream(pdf));
        var end = file.Latest.EndWithEol;
        byte[] withTail = [.. pdf, .. System.Text.Encoding.Latin1.GetBytes(tail)];

        var info = Assert.Single(Inspect(withTail));

        if (!modified) Assert.Empty(info.Modifications);
        else
        {
            var first = end + tail.IndexOf(tail.First(c => c is not ('\n' or '\r' or ' ' or '\t' or '\f' or '\0')));
            Assert.Equal($"{withTail.Length - end} bytes after the last revision (from offset {end}) are not a well-formed incremental update "
                         + $"(no cross-reference section and %%EOF of their own, first non-blank byte at offset {first}); "
                         + "a lenient reader may recover and show what they hold", Assert.Single(info.Modifications));
        }
    }
}
