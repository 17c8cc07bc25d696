using System.Globalization;
using System.Text;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>Writes the cross-reference section of an incremental update: a classic table or an (unfiltered) xref stream.</summary>
internal static class PdfXrefWriter
{
    /// <summary>Ends an incremental update: a cross-reference section in the style of the file's last one, with /Prev.</summary>
    public static void WriteUpdateSection(Stream output, PdfFile file, SortedDictionary<int, (long Offset, int Generation)> offsets, PdfRef rootRef, int size)
    {
        var trailer = file.Trailer;
        var last = file.Latest.Sections[^1];
        var newTrailer = new PdfDict(new Dictionary<string, PdfObject>(StringComparer.Ordinal)
        {
            ["Size"] = Number(size), ["Root"] = rootRef, ["Prev"] = Number(last.Offset),
        });
        if (trailer["Info"] is { } info) newTrailer.Entries["Info"] = info;
        if (trailer["ID"] is { } id) newTrailer.Entries["ID"] = id;
        if (last.IsStream) WriteStream(output, offsets, newTrailer, size);
        else WriteTable(output, offsets, newTrailer);
    }

    public static void WriteTable(Stream output, SortedDictionary<int, (long Offset, int Generation)> offsets, PdfDict trailer)
    {
        var start = output.Position;
        var sb = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{run[0]} {run.Count}\n");
            foreach (var number in run)
                sb.Append(CultureInfo.InvariantCulture, $"{offsets[number].Offset:D10} {offsets[number].Generation:D5} n\r\n");
        }
        sb.Append("trailer\n").Append(trailer).Append(CultureInfo.InvariantCulture, $"\nstartxref\n{start}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(sb.ToString()));
    }

    public static void WriteStream(Stream output, SortedDictionary<int, (long Offset, int Generation)> offsets, PdfDict trailer, int size)
    {
        // The xref stream is itself an object of the update and lists itself.
        var selfNumber = size;
        var start = output.Position;
        offsets[selfNumber] = (start, 0);
        var data = new MemoryStream();
        foreach (var (_, (offset, generation)) in offsets)
        {
            data.WriteByte(1);
            for (var shift = 32; shift >= 0; shift -= 8) data.WriteByte((byte)(offset >> shift));
            data.WriteByte((byte)(generation >> 8));
            data.WriteByte((byte)generation);
        }
        var index = Runs(offsets.Keys).SelectMany(r => new PdfObject[] { Number(r[0]), Number(r.Count) }).ToList();
        trailer.Entries["Type"] = new PdfName("XRef");
        trailer.Entries["Size"] = Number(size + 1);
        trailer.Entries["W"] = new PdfArray([Number(1), Number(5), Number(2)]);
        trailer.Entries["Index"] = new PdfArray(index);
        trailer.Entries["Length"] = Number((int)data.Length);
        output.Write(Encoding.Latin1.GetBytes($"{selfNumber} 0 obj\n{trailer}\nstream\n"));
        data.Position = 0;
        data.CopyTo(output);
        output.Write(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\nendstream\nendobj\nstartxref\n{start}\n%%EOF\n")));
    }

    private static PdfNumber Number(long n) => new(n.ToString(CultureInfo.InvariantCulture));

    private static List<List<int>> Runs(IEnumerable<int> numbers)
    {
        var runs = new List<List<int>>();
        foreach (var n in numbers)
        {
            if (runs.Count > 0 && runs[^1][^1] == n - 1) runs[^1].Add(n);
            else runs.Add([n]);
        }
        return runs;
    }
}
