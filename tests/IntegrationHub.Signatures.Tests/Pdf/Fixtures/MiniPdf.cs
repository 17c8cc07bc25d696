using System.IO.Compression;
using System.Text;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>Hand-made PDFs (a producer other than PDFsharp): classic xref table, or xref stream + object stream.</summary>
internal static class MiniPdf
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>One page saying <paramref name="text"/>; optionally a text form field; optionally a big unused stream (for size tests).</summary>
    public static byte[] Classic(string text = "Hello", bool withTextField = false, long paddingBytes = 0)
    {
        var objects = BaseObjects(text, withTextField);
        using var output = new MemoryStream();
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        foreach (var (body, stream) in objects)
        {
            offsets.Add(output.Position);
            WriteObject(output, offsets.Count, body, stream);
        }
        if (paddingBytes > 0)
        {
            offsets.Add(output.Position);
            Write(output, $"{offsets.Count} 0 obj\n<</Length {paddingBytes}>>\nstream\n");
            var chunk = new byte[1024 * 1024];
            new Random(7).NextBytes(chunk);
            for (var left = paddingBytes; left > 0; left -= chunk.Length) output.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            Write(output, "\nendstream\nendobj\n");
        }
        var xref = output.Position;
        var sb = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f\r\n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n\r\n");
        sb.Append($"trailer\n<</Size {offsets.Count + 1} /Root 1 0 R /ID [<0102030405060708><0102030405060708>]>>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, sb.ToString());
        return output.ToArray();
    }

    /// <summary>PDF 1.5 style: the dictionaries in a compressed object stream, a compressed xref stream with a PNG predictor.</summary>
    public static byte[] WithXrefStream(string text = "Hello")
    {
        var objects = BaseObjects(text, withTextField: false);
        using var output = new MemoryStream();
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var entries = new List<(int Type, long Field2, int Field3)> { (0, 0, 65535) };
        // Object numbers: 1..n as in BaseObjects; non-stream ones go into object stream n+1.
        var inStream = objects.Select((o, i) => (Number: i + 1, o.Body, o.Stream)).Where(o => o.Stream is null).ToList();
        var streamNumber = objects.Count + 1;
        var slots = new (int, long, int)[objects.Count];
        var header = new StringBuilder();
        var bodies = new StringBuilder();
        for (var i = 0; i < inStream.Count; i++)
        {
            header.Append($"{inStream[i].Number} {bodies.Length} ");
            bodies.Append(inStream[i].Body).Append('\n');
            slots[inStream[i].Number - 1] = (2, streamNumber, i);
        }
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].Stream is null) continue;
            slots[i] = (1, output.Position, 0);
            WriteObject(output, i + 1, objects[i].Body, objects[i].Stream);
        }
        entries.AddRange(slots);
        var first = header.Length;
        var packed = Deflate(Latin1.GetBytes(header.ToString() + bodies));
        entries.Add((1, output.Position, 0));
        WriteObject(output, streamNumber, $"<</Type /ObjStm /N {inStream.Count} /First {first} /Filter /FlateDecode /Length {packed.Length}>>", packed);

        var xrefNumber = streamNumber + 1;
        var xrefOffset = output.Position;
        entries.Add((1, xrefOffset, 0));
        var rows = new MemoryStream();
        var previous = new byte[4];
        foreach (var (type, f2, f3) in entries)
        {
            byte[] row = [(byte)type, (byte)(f2 >> 8), (byte)f2, (byte)f3];
            rows.WriteByte(2); // PNG "Up"
            for (var i = 0; i < 4; i++) rows.WriteByte((byte)(row[i] - previous[i]));
            previous = row;
        }
        var data = Deflate(rows.ToArray());
        WriteObject(output, xrefNumber,
            $"<</Type /XRef /Size {entries.Count} /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 4>> /Length {data.Length}>>", data);
        Write(output, $"startxref\n{xrefOffset}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>Appends an incremental update redefining or adding objects (classic xref table with /Prev).</summary>
    public static byte[] AppendRevision(byte[] pdf, params (int Number, string Body, byte[]? Stream)[] objects) =>
        AppendUpdate(pdf, null, [.. objects.Select(o => (o.Number, (string?)o.Body, o.Stream))]);

    /// <summary>
    /// Appends an incremental update: objects with a body are (re)defined, those without one are freed, and
    /// <paramref name="root"/> (e.g. "7 0 R"), when given, replaces the catalog reference.
    /// </summary>
    public static byte[] AppendUpdate(byte[] pdf, string? root, params (int Number, string? Body, byte[]? Stream)[] objects)
    {
        var file = PdfFile.Open(new PdfBytes(pdf));
        var size = (int)((file.Trailer["Size"] as PdfNumber)!.AsLong());
        using var output = new MemoryStream();
        output.Write(pdf);
        var offsets = new SortedDictionary<int, long?>();
        foreach (var (number, body, stream) in objects)
        {
            size = Math.Max(size, number + 1);
            if (body is null) { offsets[number] = null; continue; }
            offsets[number] = output.Position;
            WriteObject(output, number, body, stream);
        }
        var xref = output.Position;
        var sb = new StringBuilder("xref\n");
        foreach (var (number, offset) in offsets)
            sb.Append(offset is { } o ? $"{number} 1\n{o:D10} 00000 n\r\n" : $"{number} 1\n0000000000 00001 f\r\n");
        sb.Append($"trailer\n<</Size {size} /Root {root ?? file.Trailer["Root"]!.ToString()} /Prev {file.Latest.Sections[^1].Offset}>>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, sb.ToString());
        return output.ToArray();
    }

    public static byte[] Content(string text) => Latin1.GetBytes($"BT /F1 24 Tf 72 720 Td ({text}) Tj ET\n");

    private static List<(string Body, byte[]? Stream)> BaseObjects(string text, bool withTextField)
    {
        var acroForm = withTextField ? " /AcroForm <</Fields [6 0 R]>>" : "";
        var annots = withTextField ? " /Annots [6 0 R]" : "";
        var list = new List<(string, byte[]?)>
        {
            ($"<</Type /Catalog /Pages 2 0 R{acroForm}>>", null),
            ("<</Type /Pages /Kids [3 0 R] /Count 1>>", null),
            ($"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>{annots}>>", null),
            ("<<>>", Content(text)),
            ("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>", null),
        };
        if (withTextField)
            list.Add(("<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Tran) /Rect [72 600 300 620] /P 3 0 R>>", null));
        return list;
    }

    private static void WriteObject(Stream output, int number, string body, byte[]? stream)
    {
        if (stream is null)
        {
            Write(output, $"{number} 0 obj\n{body}\nendobj\n");
            return;
        }
        // Insert /Length into the stream dictionary when the caller did not give one.
        if (!body.Contains("/Length")) body = body[..^2] + $" /Length {stream.Length}>>";
        Write(output, $"{number} 0 obj\n{body}\nstream\n");
        output.Write(stream);
        Write(output, "\nendstream\nendobj\n");
    }

    /// <summary>zlib (FlateDecode) of <paramref name="data"/>.</summary>
    public static byte[] Deflate(byte[] data)
    {
        using var result = new MemoryStream();
        using (var z = new ZLibStream(result, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return result.ToArray();
    }

    private static void Write(Stream s, string text) => s.Write(Latin1.GetBytes(text));
}
