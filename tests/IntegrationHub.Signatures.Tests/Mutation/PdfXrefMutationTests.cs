using System.Text;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Cross-reference reading (ISO 32000-1 §7.5.4, §7.5.8) on files written byte by byte here: tables with several
/// subsections, streams with each /W and /Index shape, where a revision ends (%%EOF and its end-of-line), the /Prev
/// chain, and every refusal with its message.
/// </summary>
public sealed class PdfXrefMutationTests
{
    private const string Header = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"; // object 1 at offset 9

    /// <summary>A file: the header, then <paramref name="xref"/> at a known offset, then startxref and <paramref name="tail"/>.</summary>
    private static byte[] File(string xref, string tail = "%%EOF\n", long? startxref = null)
    {
        var offset = Header.Length;
        return Encoding.Latin1.GetBytes(Header + xref + $"startxref\n{startxref ?? offset}\n" + tail);
    }

    private static List<XrefSection> Chain(byte[] file) => PdfXref.ReadChain(new PdfBytes(file));

    private static string Error(byte[] file) => Assert.Throws<PdfSyntaxException>(() => Chain(file)).Message;

    [Fact]
    public void A_table_with_two_subsections_lists_free_and_used_objects()
    {
        var file = File("xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\n5 2\n0000000100 00002 n \n0000000000 00001 f \ntrailer\n<</Size 7>>\n");
        var section = Assert.Single(Chain(file));

        Assert.False(section.IsStream);
        Assert.Equal(Header.Length, section.Offset);
        Assert.Equal("7", Assert.IsType<PdfNumber>(section.Trailer["Size"]).Text);
        Assert.Equal(4, section.Entries.Count);
        Assert.Equal(new XrefEntry(0, 0, 65535), section.Entries[0]);
        Assert.Equal(new XrefEntry(1, 9, 0), section.Entries[1]);
        Assert.Equal(new XrefEntry(1, 100, 2), section.Entries[5]);
        Assert.Equal(new XrefEntry(0, 0, 1), section.Entries[6]);
    }

    [Theory]
    [InlineData("%%EOF\n", 1)]
    [InlineData("%%EOF\r\n", 2)]
    [InlineData("%%EOF\r", 1)]
    [InlineData("%%EOF", 0)]
    [InlineData("%%EOF ", 0)]
    [InlineData("%%EOF\n\n", 1)]
    public void A_revision_ends_after_EOF_and_one_end_of_line_marker(string tail, int eol)
    {
        var file = File("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<<>>\n", tail);
        var section = Assert.Single(Chain(file));

        var eof = Encoding.Latin1.GetString(file).LastIndexOf("%%EOF", StringComparison.Ordinal);
        Assert.Equal(eof + 5, section.EndOfRevision);
        Assert.Equal(eof + 5 + eol, section.EndOfRevisionWithEol);
    }

    [Fact]
    public void Prev_links_an_older_section_and_the_chain_is_oldest_first()
    {
        // Old revision: the header, a table and its %%EOF. New revision: a table pointing back with /Prev.
        var old = Header + "xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<</Size 2>>\nstartxref\n" + Header.Length + "\n%%EOF\n";
        var newXref = old.Length;
        var text = old + $"xref\n1 1\n0000000050 00000 n\r\ntrailer\n<</Size 2 /Prev {Header.Length}>>\nstartxref\n{newXref}\n%%EOF\n";
        var chain = Chain(Encoding.Latin1.GetBytes(text));

        Assert.Equal(2, chain.Count);
        Assert.Equal(Header.Length, chain[0].Offset);
        Assert.Equal(newXref, chain[1].Offset);
        Assert.Equal(new XrefEntry(1, 9, 0), chain[0].Entries[1]);
        Assert.Equal(new XrefEntry(1, 50, 0), chain[1].Entries[1]);
        Assert.Equal(old.Length, chain[0].EndOfRevisionWithEol);
        Assert.Equal(text.Length, chain[1].EndOfRevisionWithEol);
    }

    [Fact]
    public void A_Prev_loop_and_a_Prev_outside_the_file_are_refused()
    {
        Assert.Equal("cross-reference chain loops",
            Error(File($"xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Prev {Header.Length}>>\n")));
        Assert.Equal("cross-reference offset outside the file (99999)",
            Error(File("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Prev 99999>>\n")));
        Assert.Equal("cross-reference offset outside the file (0)",
            Error(File("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Prev 0>>\n")));
    }

    [Theory]
    [InlineData("xref\n0 1\n0000000000 65535 x\r\ntrailer\n<<>>\n", "bad cross-reference entry for object 0")]
    [InlineData("xref\n3 1\n0000000000 65535 F\r\ntrailer\n<<>>\n", "bad cross-reference entry for object 3")]
    [InlineData("xref\n-1 1\n0000000000 65535 f\r\ntrailer\n<<>>\n", "bad cross-reference subsection")]
    [InlineData("xref\n0 -1\ntrailer\n<<>>\n", "bad cross-reference subsection")]
    [InlineData("xref\n8388607 1\n0000000000 65535 f\r\ntrailer\n<<>>\n", "bad cross-reference subsection")]
    [InlineData("xref\n0 1\n0000000000 65535 f\r\ntrailer\n[1]\n", "trailer is not a dictionary")]
    [InlineData("garbage\n", "expected an integer at offset 36, found 'garbage'")]
    public void Bad_tables_are_refused(string xref, string message)
    {
        Assert.Equal(message, Error(File(xref)));
    }

    [Fact]
    public void The_last_object_number_allowed_is_read()
    {
        var section = Assert.Single(Chain(File("xref\n8388606 1\n0000000009 00000 n\r\ntrailer\n<<>>\n")));
        Assert.Equal(new XrefEntry(1, 9, 0), section.Entries[8388606]);
    }

    [Fact]
    public void A_missing_EOF_or_startxref_is_a_truncated_file()
    {
        Assert.Equal("no %%EOF after the cross-reference section (truncated file)",
            Error(File("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<<>>\n", tail: "")));
        Assert.Equal("no 'startxref' near the end of the file (truncated or not a PDF)",
            Error(Encoding.Latin1.GetBytes(Header + "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<<>>\n%%EOF\n")));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(100000L)]
    public void A_startxref_outside_the_file_is_refused(long offset)
    {
        Assert.Equal($"startxref points outside the file ({offset})",
            Error(File("xref\n0 1\n0000000000 65535 f\r\ntrailer\n<<>>\n", startxref: offset)));
    }

    [Fact]
    public void Only_the_last_4096_bytes_are_searched_for_startxref()
    {
        var xref = "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<<>>\n";
        var near = File(xref, "%%EOF\n" + new string('%', 4000) + "\n");
        Assert.Single(Chain(near));

        var far = File(xref, "%%EOF\n" + new string('%', 4100) + "\n");
        Assert.Equal("no 'startxref' near the end of the file (truncated or not a PDF)", Error(far));
    }

    /// <summary>An uncompressed xref stream object at the xref offset.</summary>
    private static byte[] StreamFile(string dict, byte[] rows)
    {
        var head = Encoding.Latin1.GetBytes(Header + $"2 0 obj\n<</Type /XRef {dict} /Length {rows.Length}>>\nstream\n");
        var after = Encoding.Latin1.GetBytes($"\nendstream\nendobj\nstartxref\n{Header.Length}\n%%EOF\n");
        return [.. head, .. rows, .. after];
    }

    [Fact]
    public void Stream_rows_give_free_used_and_compressed_entries()
    {
        byte[] rows =
        [
            0, 0, 0, 0xFF,      // 0: free, next generation 255
            1, 0, 9, 0,         // 1: at offset 9
            2, 0, 7, 3,         // 2: in object stream 7, index 3
            1, 0x12, 0x34, 1,   // 3: at offset 0x1234, generation 1
            9, 9, 9, 9,         // 4: unknown type, ignored
        ];
        var section = Assert.Single(Chain(StreamFile("/W [1 2 1] /Size 5", rows)));

        Assert.True(section.IsStream);
        Assert.Equal(new XrefEntry(0, 0, 255), section.Entries[0]);
        Assert.Equal(new XrefEntry(1, 9, 0), section.Entries[1]);
        Assert.Equal(new XrefEntry(2, 0, 0, 7, 3), section.Entries[2]);
        Assert.Equal(new XrefEntry(1, 0x1234, 1), section.Entries[3]);
        Assert.Equal(default, section.Entries[4]);
        Assert.Equal("XRef", section.Trailer.NameOf("Type"));
    }

    [Fact]
    public void A_zero_type_width_means_every_row_is_in_use_and_Index_places_the_rows()
    {
        byte[] rows = [0, 9, 0, 0, 0x40, 2, 1, 0, 0];
        var section = Assert.Single(Chain(StreamFile("/W [0 2 1] /Index [3 1 10 2] /Size 12", rows)));

        Assert.Equal(3, section.Entries.Count);
        Assert.Equal(new XrefEntry(1, 9, 0), section.Entries[3]);
        Assert.Equal(new XrefEntry(1, 0x40, 2), section.Entries[10]);
        Assert.Equal(new XrefEntry(1, 0x100, 0), section.Entries[11]);
    }

    [Fact]
    public void Eight_byte_fields_are_read_big_endian()
    {
        byte[] rows = [1, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0];
        var section = Assert.Single(Chain(StreamFile("/W [1 8 1] /Size 1", rows)));

        Assert.Equal(0x0102030405L, section.Entries[0].Offset);
    }

    [Theory]
    [InlineData("/W [1 2] /Size 1", "bad /W in cross-reference stream")]
    [InlineData("/W [1 2 1 1] /Size 1", "bad /W in cross-reference stream")]
    [InlineData("/W [1 9 1] /Size 1", "bad /W in cross-reference stream")]
    [InlineData("/W [1 -1 1] /Size 1", "bad /W in cross-reference stream")]
    [InlineData("/W [1 /x 1] /Size 1", "bad /W in cross-reference stream")]
    [InlineData("/Size 1", "bad /W in cross-reference stream")]
    [InlineData("/W [1 2 1] /Index [0] /Size 1", "bad /Index in cross-reference stream")]
    [InlineData("/W [1 2 1] /Index [-1 1]", "bad /Index in cross-reference stream")]
    [InlineData("/W [1 2 1] /Index [0 8388608]", "bad /Index in cross-reference stream")]
    [InlineData("/W [1 2 1] /Size 2", "cross-reference stream shorter than its /Index")]
    [InlineData("/W [1 2 1] /Index [0 1 5 1]", "cross-reference stream shorter than its /Index")]
    public void Bad_stream_layouts_are_refused(string dict, string message)
    {
        Assert.Equal(message, Error(StreamFile(dict, [1, 0, 9, 0])));
    }

    [Fact]
    public void Without_Size_or_Index_a_stream_lists_nothing_and_an_exact_fit_is_read()
    {
        Assert.Empty(Assert.Single(Chain(StreamFile("/W [1 2 1]", [1, 0, 9, 0]))).Entries);
        Assert.Single(Assert.Single(Chain(StreamFile("/W [1 2 1] /Size 1", [1, 0, 9, 0]))).Entries);
    }

    [Fact]
    public void A_stream_that_is_not_XRef_is_not_a_cross_reference_section()
    {
        var text = Header + "2 0 obj\n<</Type /ObjStm /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n" + Header.Length + "\n%%EOF\n";
        Assert.Equal("startxref does not point to a cross-reference table or stream", Error(Encoding.Latin1.GetBytes(text)));
    }
}
