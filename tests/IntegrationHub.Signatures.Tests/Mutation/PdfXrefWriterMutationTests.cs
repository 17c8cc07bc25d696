using System.Text;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The cross-reference section an incremental update ends with: the table's exact text (§7.5.4: 20-byte entries,
/// one subsection per run of numbers), the stream's rows and /Index read back by the reader, and whole updates of a
/// table file and a stream file checked by qpdf.
/// </summary>
public sealed class PdfXrefWriterMutationTests
{
    private static SortedDictionary<int, (long Offset, int Generation)> Offsets(params (int Number, long Offset, int Generation)[] entries) =>
        new(entries.ToDictionary(e => e.Number, e => (e.Offset, e.Generation)));

    [Fact]
    public void A_table_has_one_subsection_per_run_and_20_byte_entries()
    {
        using var output = new MemoryStream();
        output.Write(new byte[37]);
        var trailer = new PdfDict(new() { ["Size"] = new PdfNumber("8") });

        PdfXrefWriter.WriteTable(output, Offsets((1, 9, 0), (2, 100, 3), (3, 123456, 65535), (7, 200, 0)), trailer);

        var text = Encoding.Latin1.GetString(output.ToArray()[37..]);
        Assert.Equal(
            "xref\n1 3\n0000000009 00000 n\r\n0000000100 00003 n\r\n0000123456 65535 n\r\n7 1\n0000000200 00000 n\r\n"
            + "trailer\n<</Size 8>>\nstartxref\n37\n%%EOF\n", text);
    }

    [Fact]
    public void A_stream_lists_itself_and_its_rows_read_back()
    {
        const int size = 9;
        var prefix = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
        using var output = new MemoryStream();
        output.Write(prefix);
        var offsets = Offsets((1, 9, 0), (2, 0x1_2345_6789, 0x0102), (5, 300, 7), (6, 301, 0));
        var trailer = new PdfDict(new() { ["Root"] = new PdfRef(1, 0) });

        PdfXrefWriter.WriteStream(output, offsets, trailer, size);

        var section = Assert.Single(PdfXref.ReadChain(new PdfBytes(output.ToArray())));
        Assert.True(section.IsStream);
        Assert.Equal(prefix.Length, section.Offset);
        Assert.Equal(new XrefEntry(1, 9, 0), section.Entries[1]);
        Assert.Equal(new XrefEntry(1, 0x1_2345_6789, 0x0102), section.Entries[2]);
        Assert.Equal(new XrefEntry(1, 300, 7), section.Entries[5]);
        Assert.Equal(new XrefEntry(1, 301, 0), section.Entries[6]);
        Assert.Equal(new XrefEntry(1, prefix.Length, 0), section.Entries[size]);
        Assert.Equal(5, section.Entries.Count);

        Assert.Equal("XRef", section.Trailer.NameOf("Type"));
        Assert.Equal("10", section.Trailer["Size"]!.ToString());
        Assert.Equal("[1 5 2]", section.Trailer["W"]!.ToString());
        Assert.Equal("[1 2 5 2 9 1]", section.Trailer["Index"]!.ToString());
        Assert.Equal("1 0 R", section.Trailer["Root"]!.ToString());
        Assert.Equal("40", section.Trailer["Length"]!.ToString()); // 5 rows of 1 + 5 + 2 bytes
        Assert.EndsWith($"\nendstream\nendobj\nstartxref\n{prefix.Length}\n%%EOF\n", Encoding.Latin1.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_update_section_continues_the_files_style_and_keeps_Info_and_ID(bool xrefStream)
    {
        var pdf = xrefStream ? MiniPdf.WithXrefStream() : WithInfo(MiniPdf.Classic());
        var file = PdfFile.Open(new MemoryStream(pdf));
        var size = (int)((PdfNumber)file.Trailer["Size"]!).AsLong();
        var rootRef = (PdfRef)file.Trailer["Root"]!;
        var map = file.MapAsOf(file.Latest.Number);

        using var output = new MemoryStream();
        output.Write(pdf);
        // The update re-lists the page tree's root at its old place: legal, and enough to check the section.
        var offsets = new SortedDictionary<int, (long, int)>();
        if (map[rootRef.Number].Type == 1) offsets[rootRef.Number] = (map[rootRef.Number].Offset, 0);
        PdfXrefWriter.WriteUpdateSection(output, file, offsets, rootRef, size);

        var updated = PdfFile.Open(new MemoryStream(output.ToArray()));
        Assert.Equal(file.Revisions.Count + 1, updated.Revisions.Count);
        var last = updated.Latest.Sections[^1];
        Assert.Equal(xrefStream, last.IsStream);
        Assert.Equal(file.Latest.Sections[^1].Offset.ToString(), last.Trailer["Prev"]!.ToString());
        Assert.Equal(rootRef.ToString(), last.Trailer["Root"]!.ToString());
        Assert.Equal(file.Trailer["ID"]?.ToString(), last.Trailer["ID"]?.ToString());
        Assert.Equal(file.Trailer["Info"]?.ToString(), last.Trailer["Info"]?.ToString());
        Assert.Equal((xrefStream ? size + 1 : size).ToString(), last.Trailer["Size"]!.ToString());
        if (!xrefStream) Assert.NotNull(last.Trailer["Info"]);
        Assert.NotNull(updated.GetObject(rootRef.Number));

        if (PdfTools.OnPath("qpdf"))
        {
            var path = Path.Combine(Path.GetTempPath(), $"hub-xref-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(path, output.ToArray());
            try
            {
                var check = Cms.Fixtures.Tools.Run("qpdf", "--check", path);
                Assert.True(check.ExitCode == 0, check.Output);
                Assert.DoesNotContain("WARNING", check.Output);
            }
            finally { File.Delete(path); }
        }
    }

    /// <summary>The sample with an /Info dictionary in its trailer, so that copying it is checked.</summary>
    private static byte[] WithInfo(byte[] pdf)
    {
        var file = PdfFile.Open(new MemoryStream(pdf));
        var size = (int)((PdfNumber)file.Trailer["Size"]!).AsLong();
        using var output = new MemoryStream();
        output.Write(pdf);
        var infoOffset = output.Position;
        output.Write(Encoding.Latin1.GetBytes($"{size} 0 obj\n<</Producer (hub test)>>\nendobj\n"));
        var xref = output.Position;
        output.Write(Encoding.Latin1.GetBytes(
            $"xref\n{size} 1\n{infoOffset:D10} 00000 n\r\ntrailer\n<</Size {size + 1} /Root {file.Trailer["Root"]} /Info {size} 0 R "
            + $"/ID {file.Trailer["ID"]} /Prev {file.Latest.Sections[^1].Offset}>>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }
}
