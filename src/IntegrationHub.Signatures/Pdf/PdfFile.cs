namespace IntegrationHub.Signatures.Pdf;

/// <summary>One revision: the original file or one incremental update, ending at a %%EOF (§7.5.6).</summary>
internal sealed record PdfRevision(int Number, long End, long EndWithEol, IReadOnlyList<XrefSection> Sections);

/// <summary>
/// A PDF opened for reading: its revisions and an object lookup "as of revision N". Objects are read on
/// demand by seeking, so memory stays bounded whatever the file size.
/// </summary>
internal sealed class PdfFile
{
    private readonly Dictionary<int, Dictionary<int, XrefEntry>> _mapsByRevision = [];
    private readonly Dictionary<long, List<(int Number, long Offset)>> _objectStreamIndex = [];
    private readonly Dictionary<long, byte[]> _objectStreamData = [];

    private PdfFile(PdfBytes bytes, IReadOnlyList<PdfRevision> revisions)
    {
        Bytes = bytes;
        Revisions = revisions;
    }

    public PdfBytes Bytes { get; }
    public IReadOnlyList<PdfRevision> Revisions { get; }
    public PdfRevision Latest => Revisions[^1];
    public PdfDict Trailer => Latest.Sections[^1].Trailer;

    public static PdfFile Open(Stream stream) => Open(new PdfBytes(stream));

    public static PdfFile Open(PdfBytes bytes)
    {
        if (bytes.Length < 16) throw new PdfSyntaxException("file too short to be a PDF");
        if (bytes.Read(0, 1024).AsSpan().IndexOf("%PDF-"u8) < 0) throw new PdfSyntaxException("no %PDF- header");
        var sections = PdfXref.ReadChain(bytes);
        // Sections sharing one %%EOF (e.g. a hybrid file or a linearized first-page section) are one revision.
        var revisions = sections
            .GroupBy(s => s.EndOfRevision)
            .OrderBy(g => g.Key)
            .Select((g, i) => new PdfRevision(i + 1, g.Key, g.Max(s => s.EndOfRevisionWithEol), g.ToList()))
            .ToList();
        return new PdfFile(bytes, revisions);
    }

    /// <summary>The cross-reference map as of the end of revision <paramref name="revision"/> (newest entry wins).</summary>
    public Dictionary<int, XrefEntry> MapAsOf(int revision)
    {
        if (_mapsByRevision.TryGetValue(revision, out var cached)) return cached;
        var map = new Dictionary<int, XrefEntry>();
        foreach (var rev in Revisions.Where(r => r.Number <= revision))
            foreach (var section in rev.Sections)
                foreach (var (number, entry) in section.Entries)
                    map[number] = entry;
        _mapsByRevision[revision] = map;
        return map;
    }

    public PdfObject? GetObject(int number, int? revision = null)
    {
        var map = MapAsOf(revision ?? Latest.Number);
        return map.TryGetValue(number, out var entry) ? ReadEntry(number, entry, map) : null;
    }

    public PdfObject? Resolve(PdfObject? value, int? revision = null, int depth = 0)
    {
        while (value is PdfRef reference && depth++ < 32) value = GetObject(reference.Number, revision);
        return value is PdfRef ? null : value;
    }

    public PdfDict? ResolveDict(PdfObject? value, int? revision = null) => Resolve(value, revision) switch
    {
        PdfDict d => d,
        PdfStream s => s.Dict,
        _ => null,
    };

    public PdfObject? ReadEntry(int number, XrefEntry entry, Dictionary<int, XrefEntry> map) => entry.Type switch
    {
        1 => ReadInFile(number, entry.Offset, map),
        2 => ReadInObjectStream(number, entry, map),
        _ => null,
    };

    private PdfObject ReadInFile(int number, long offset, Dictionary<int, XrefEntry> map)
    {
        if (offset <= 0 || offset >= Bytes.Length) throw new PdfSyntaxException($"object {number} is outside the file");
        var parser = new PdfParser(Bytes, offset);
        var (found, _) = parser.ReadObjectHeader();
        if (found != number) throw new PdfSyntaxException($"object {number} expected at offset {offset}, found {found}");
        return ReadObjectBody(parser, length => LengthValue(length, map));
    }

    private long? LengthValue(PdfObject? length, Dictionary<int, XrefEntry> map)
    {
        if (length is PdfRef r && map.TryGetValue(r.Number, out var e) && e.Type == 1)
            return (ReadInFile(r.Number, e.Offset, map) as PdfNumber)?.AsLong();
        return (length as PdfNumber)?.AsLong();
    }

    /// <summary>Reads the object after "N G obj"; for a stream, records where its data is instead of reading it.</summary>
    public static PdfObject ReadObjectBody(PdfParser parser, Func<PdfObject?, long?> lengthOf)
    {
        var obj = parser.ReadObject();
        if (obj is not PdfDict dict) return obj;
        var save = parser.Position;
        if (!parser.TryReadKeyword("stream")) { parser.Position = save; return obj; }
        var bytes = parser.Bytes;
        if (bytes.At(parser.Position) == '\r') parser.Position++;
        if (bytes.At(parser.Position) == '\n') parser.Position++;
        var dataOffset = parser.Position;
        var length = lengthOf(dict["Length"]);
        if (length is null || length < 0 || dataOffset + length > bytes.Length)
        {
            // A wrong /Length is common enough: fall back to the endstream keyword.
            var end = bytes.IndexOf("endstream"u8, dataOffset, bytes.Length);
            if (end < 0) throw new PdfSyntaxException("stream without endstream (truncated file)");
            length = end - dataOffset;
        }
        parser.Position = dataOffset + length.Value;
        return new PdfStream(dict, dataOffset, length.Value);
    }

    /// <summary>Reads the raw data of a file stream (bounded: for object and xref streams only).</summary>
    public byte[] ReadStreamData(PdfStream stream)
    {
        if (stream.InlineData is { } inline) return inline;
        if (stream.DataLength > PdfFilters.MaxDecodedLength) throw new PdfSyntaxException("stream too large to decode");
        return Bytes.Read(stream.DataOffset, (int)stream.DataLength);
    }

    private PdfObject? ReadInObjectStream(int number, XrefEntry entry, Dictionary<int, XrefEntry> map)
    {
        if (!map.TryGetValue(entry.StreamNumber, out var container) || container.Type != 1)
            throw new PdfSyntaxException($"object stream {entry.StreamNumber} not found");
        if (!_objectStreamIndex.TryGetValue(container.Offset, out var index))
        {
            var obj = ReadInFile(entry.StreamNumber, container.Offset, map) as PdfStream;
            if (obj is null || !obj.Dict.Is("Type", "ObjStm")) throw new PdfSyntaxException($"object {entry.StreamNumber} is not an object stream");
            var data = PdfFilters.Decode(obj.Dict, ReadStreamData(obj));
            var count = (int)((obj.Dict["N"] as PdfNumber)?.AsLong() ?? 0);
            var first = (obj.Dict["First"] as PdfNumber)?.AsLong() ?? 0;
            var header = new PdfParser(new PdfBytes(data));
            index = [];
            for (var i = 0; i < count && i < 1_000_000; i++) index.Add(((int)header.ReadInteger(), first + header.ReadInteger()));
            _objectStreamIndex[container.Offset] = index;
            _objectStreamData[container.Offset] = data;
        }
        if (entry.IndexInStream < 0 || entry.IndexInStream >= index.Count || index[entry.IndexInStream].Number != number)
        {
            var found = index.FindIndex(i => i.Number == number);
            if (found < 0) throw new PdfSyntaxException($"object {number} not in object stream {entry.StreamNumber}");
            return new PdfParser(new PdfBytes(_objectStreamData[container.Offset]), index[found].Offset).ReadObject();
        }
        // Offsets of objects inside an object stream are relative to the decoded data, not to the file.
        return new PdfParser(new PdfBytes(_objectStreamData[container.Offset]), index[entry.IndexInStream].Offset).ReadObject();
    }
}
