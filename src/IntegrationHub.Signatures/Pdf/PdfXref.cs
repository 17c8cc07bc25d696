namespace IntegrationHub.Signatures.Pdf;

/// <summary>Where one object lives: free (0), in the file at <see cref="Offset"/> (1), or inside object stream <see cref="StreamNumber"/> (2).</summary>
internal readonly record struct XrefEntry(int Type, long Offset, int Generation, int StreamNumber = 0, int IndexInStream = 0);

/// <summary>One cross-reference section (table + trailer, or an xref stream) and the %%EOF that closes its revision.</summary>
internal sealed class XrefSection
{
    public required long Offset { get; init; }
    public required PdfDict Trailer { get; init; }
    public required Dictionary<int, XrefEntry> Entries { get; init; }
    public bool IsStream { get; init; }

    /// <summary>Offset just after the "%%EOF" that ends this revision, and the same plus its end-of-line marker.</summary>
    public long EndOfRevision { get; set; }
    public long EndOfRevisionWithEol { get; set; }
}

/// <summary>Reads the chain of cross-reference sections from the last startxref back through /Prev (§7.5.4, §7.5.8).</summary>
internal static class PdfXref
{
    private const int MaxSections = 4096;
    private const int MaxObjectNumber = 8_388_607;

    public static long FindStartXref(PdfBytes bytes)
    {
        var tailLength = (int)Math.Min(bytes.Length, 4096);
        var tail = bytes.Read(bytes.Length - tailLength, tailLength);
        var at = tail.AsSpan().LastIndexOf("startxref"u8);
        if (at < 0) throw new PdfSyntaxException("no 'startxref' near the end of the file (truncated or not a PDF)");
        var parser = new PdfParser(bytes, bytes.Length - tailLength + at + "startxref".Length);
        var offset = parser.ReadInteger();
        if (offset <= 0 || offset >= bytes.Length) throw new PdfSyntaxException($"startxref points outside the file ({offset})");
        return offset;
    }

    /// <summary>All sections, oldest first.</summary>
    public static List<XrefSection> ReadChain(PdfBytes bytes)
    {
        var sections = new List<XrefSection>();
        var visited = new HashSet<long>();
        long? next = FindStartXref(bytes);
        while (next is { } offset)
        {
            if (!visited.Add(offset) || sections.Count >= MaxSections) throw new PdfSyntaxException("cross-reference chain loops");
            if (offset <= 0 || offset >= bytes.Length) throw new PdfSyntaxException($"cross-reference offset outside the file ({offset})");
            var section = ReadSection(bytes, offset);
            sections.Add(section);
            next = (section.Trailer["Prev"] as PdfNumber)?.AsLong();
        }
        sections.Reverse();
        return sections;
    }

    private static XrefSection ReadSection(PdfBytes bytes, long offset)
    {
        var parser = new PdfParser(bytes, offset);
        XrefSection section;
        if (parser.TryReadKeyword("xref"))
        {
            var entries = ReadTable(parser);
            var trailer = parser.ReadObject() as PdfDict ?? throw new PdfSyntaxException("trailer is not a dictionary");
            // Hybrid-reference files (§7.5.8.4): objects in object streams are listed in /XRefStm.
            if (trailer["XRefStm"] is PdfNumber hybrid && hybrid.AsLong() > 0 && hybrid.AsLong() < bytes.Length)
            {
                var save = parser.Position;
                var (_, hybridEntries) = ReadStreamSection(new PdfParser(bytes, hybrid.AsLong()));
                foreach (var (number, entry) in hybridEntries)
                    if (!entries.TryGetValue(number, out var existing) || existing.Type == 0) entries[number] = entry;
                parser.Position = save;
            }
            section = new XrefSection { Offset = offset, Trailer = trailer, Entries = entries };
        }
        else
        {
            var (trailer, entries) = ReadStreamSection(parser);
            section = new XrefSection { Offset = offset, Trailer = trailer, Entries = entries, IsStream = true };
        }

        var eof = bytes.IndexOf("%%EOF"u8, parser.Position, bytes.Length);
        if (eof < 0) throw new PdfSyntaxException("no %%EOF after the cross-reference section (truncated file)");
        section.EndOfRevision = eof + 5;
        var eol = bytes.At(eof + 5) == '\r' ? (bytes.At(eof + 6) == '\n' ? 2 : 1) : bytes.At(eof + 5) == '\n' ? 1 : 0;
        section.EndOfRevisionWithEol = eof + 5 + eol;
        return section;
    }

    private static Dictionary<int, XrefEntry> ReadTable(PdfParser parser)
    {
        var entries = new Dictionary<int, XrefEntry>();
        while (!parser.TryReadKeyword("trailer"))
        {
            var start = parser.ReadInteger();
            var count = parser.ReadInteger();
            if (start < 0 || count < 0 || start + count > MaxObjectNumber) throw new PdfSyntaxException("bad cross-reference subsection");
            for (var i = 0; i < count; i++)
            {
                var offset = parser.ReadInteger();
                var generation = parser.ReadInteger();
                var kind = parser.ReadWord();
                var number = (int)(start + i);
                if (kind == "n") entries[number] = new XrefEntry(1, offset, (int)generation);
                else if (kind == "f") entries[number] = new XrefEntry(0, 0, (int)generation);
                else throw new PdfSyntaxException($"bad cross-reference entry for object {number}");
            }
        }
        return entries;
    }

    private static (PdfDict Trailer, Dictionary<int, XrefEntry> Entries) ReadStreamSection(PdfParser parser)
    {
        parser.ReadObjectHeader();
        var obj = PdfFile.ReadObjectBody(parser, length => (length as PdfNumber)?.AsLong());
        if (obj is not PdfStream stream || !stream.Dict.Is("Type", "XRef"))
            throw new PdfSyntaxException("startxref does not point to a cross-reference table or stream");
        var data = PdfFilters.Decode(stream.Dict, parser.Bytes.Read(stream.DataOffset, (int)stream.DataLength));
        var widths = (stream.Dict["W"] as PdfArray)?.Items.Select(i => (int)((i as PdfNumber)?.AsLong() ?? -1)).ToArray();
        if (widths is not { Length: 3 } || widths.Any(w => w is < 0 or > 8)) throw new PdfSyntaxException("bad /W in cross-reference stream");
        var size = (stream.Dict["Size"] as PdfNumber)?.AsLong() ?? 0;
        var index = (stream.Dict["Index"] as PdfArray)?.Items.Select(i => (i as PdfNumber)?.AsLong() ?? -1).ToArray() ?? [0, size];
        if (index.Length % 2 != 0 || index.Any(i => i < 0 || i > MaxObjectNumber)) throw new PdfSyntaxException("bad /Index in cross-reference stream");

        var entries = new Dictionary<int, XrefEntry>();
        var rowLength = widths.Sum();
        var position = 0;
        for (var s = 0; s < index.Length; s += 2)
        {
            for (var i = 0; i < index[s + 1]; i++)
            {
                if (position + rowLength > data.Length) throw new PdfSyntaxException("cross-reference stream shorter than its /Index");
                var type = widths[0] == 0 ? 1 : Field(data, position, widths[0]);
                var f2 = Field(data, position + widths[0], widths[1]);
                var f3 = Field(data, position + widths[0] + widths[1], widths[2]);
                position += rowLength;
                var number = (int)(index[s] + i);
                entries[number] = type switch
                {
                    0 => new XrefEntry(0, 0, (int)f3),
                    1 => new XrefEntry(1, f2, (int)f3),
                    2 => new XrefEntry(2, 0, 0, (int)f2, (int)f3),
                    _ => entries.GetValueOrDefault(number), // unknown types are ignored (§7.5.8.3)
                };
            }
        }
        return (stream.Dict, entries);
    }

    private static long Field(byte[] data, int position, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++) value = (value << 8) | data[position + i];
        return value;
    }
}
