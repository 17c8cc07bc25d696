using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Appends an incremental update (§7.5.6) that adds an invisible signature: a signature dictionary with a
/// /ByteRange placeholder and a fixed-size /Contents placeholder, a signature field merged with its widget
/// (/Rect [0 0 0 0]) on the first page, the AcroForm (/SigFlags 3) and a new cross-reference section in the
/// style of the original (table or stream) with /Prev. The original bytes are never touched.
/// </summary>
internal static class PdfIncrementalWriter
{
    private const int ByteRangeWidth = 48;

    /// <param name="signingTime">/M of the signature dictionary; null for a document timestamp, whose time is in its token.</param>
    /// <param name="type">Sig, or DocTimeStamp for a PAdES document timestamp (sub-filter ETSI.RFC3161).</param>
    public static PreparedPdf Prepare(byte[] document, DateTimeOffset? signingTime, int reservedContentsBytes,
        string subFilter = "ETSI.CAdES.detached", string type = "Sig")
    {
        var file = PdfFile.Open(new PdfBytes(document));
        var trailer = file.Trailer;
        if (trailer["Encrypt"] is not null) throw new PdfSyntaxException("encrypted PDFs cannot be signed here");
        var rootRef = trailer["Root"] as PdfRef ?? throw new PdfSyntaxException("trailer has no /Root");
        var catalog = file.GetObject(rootRef.Number) as PdfDict ?? throw new PdfSyntaxException("the catalog is not a dictionary");
        var map = file.MapAsOf(file.Latest.Number);
        var size = (int)((trailer["Size"] as PdfNumber)?.AsLong() ?? 0);
        size = Math.Max(size, map.Count == 0 ? 1 : map.Keys.Max() + 1);

        var update = new Dictionary<int, PdfObject>();
        var sigNumber = size++;
        var fieldNumber = size++;
        var fieldRef = new PdfRef(fieldNumber, 0);

        var (pageNumber, page) = FirstPage(file, catalog);
        AddToArray(file, update, page, "Annots", fieldRef, pageNumber);

        catalog = Copy(catalog);
        var fieldName = "Signature1";
        switch (catalog["AcroForm"])
        {
            case PdfRef acroRef when file.ResolveDict(acroRef) is { } acro:
                fieldName = UniqueFieldName(file, acro);
                acro = Copy(acro);
                acro.Entries["SigFlags"] = new PdfNumber("3");
                AddToArray(file, update, acro, "Fields", fieldRef, acroRef.Number);
                break;
            case PdfDict direct:
                fieldName = UniqueFieldName(file, direct);
                direct = Copy(direct);
                direct.Entries["SigFlags"] = new PdfNumber("3");
                direct.Entries["Fields"] = Append(file.Resolve(direct["Fields"]) as PdfArray, fieldRef);
                catalog.Entries["AcroForm"] = direct;
                update[rootRef.Number] = catalog;
                break;
            default:
                var acroNumber = size++;
                update[acroNumber] = Dict(("Fields", new PdfArray([fieldRef])), ("SigFlags", new PdfNumber("3")));
                catalog.Entries["AcroForm"] = new PdfRef(acroNumber, 0);
                update[rootRef.Number] = catalog;
                break;
        }

        update[fieldNumber] = Dict(
            ("Type", new PdfName("Annot")), ("Subtype", new PdfName("Widget")), ("FT", new PdfName("Sig")),
            ("T", new PdfString(Encoding.ASCII.GetBytes(fieldName), false, 0, 0)), ("V", new PdfRef(sigNumber, 0)),
            ("Rect", new PdfArray([new PdfNumber("0"), new PdfNumber("0"), new PdfNumber("0"), new PdfNumber("0")])),
            ("F", new PdfNumber("132")), ("P", new PdfRef(pageNumber, map.GetValueOrDefault(pageNumber).Generation)));

        var output = new MemoryStream();
        output.Write(document);
        if (document.Length > 0 && document[^1] is not ((byte)'\n' or (byte)'\r')) Ascii(output, "\n");
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();

        // The signature dictionary first, written by hand: its placeholders are patched in place later.
        offsets[sigNumber] = (output.Position, 0);
        var m = signingTime is { } t ? $" /M ({PdfDate(t)})" : "";
        Ascii(output, $"{sigNumber} 0 obj\n<</Type /{type} /Filter /Adobe.PPKLite /SubFilter /{subFilter}{m}\n/ByteRange ");
        var byteRangeAt = output.Position;
        Ascii(output, new string(' ', ByteRangeWidth) + "\n/Contents ");
        var contentsAt = output.Position;
        Ascii(output, "<" + new string('0', reservedContentsBytes * 2) + ">");
        var contentsEnd = output.Position;
        Ascii(output, ">>\nendobj\n");

        foreach (var (number, obj) in update)
        {
            var generation = map.TryGetValue(number, out var e) && e.Type == 1 ? e.Generation : 0;
            offsets[number] = (output.Position, generation);
            Ascii(output, $"{number} {generation} obj\n{obj}\nendobj\n");
        }

        PdfXrefWriter.WriteUpdateSection(output, file, offsets, rootRef, size);

        var pdf = output.ToArray();
        long[] ranges = [0, contentsAt, contentsEnd, pdf.Length - contentsEnd];
        var rangeText = string.Create(CultureInfo.InvariantCulture, $"[{ranges[0]} {ranges[1]} {ranges[2]} {ranges[3]}]").PadRight(ByteRangeWidth);
        Encoding.ASCII.GetBytes(rangeText).CopyTo(pdf, byteRangeAt);
        return new PreparedPdf(pdf, ranges, reservedContentsBytes);
    }

    private static (int Number, PdfDict Page) FirstPage(PdfFile file, PdfDict catalog)
    {
        var node = catalog["Pages"];
        for (var depth = 0; depth < 64 && node is PdfRef reference; depth++)
        {
            var dict = file.ResolveDict(reference) ?? throw new PdfSyntaxException("broken page tree");
            if (dict.Is("Type", "Page") || dict["Kids"] is null) return (reference.Number, dict);
            node = (file.Resolve(dict["Kids"]) as PdfArray)?.Items.FirstOrDefault();
        }
        throw new PdfSyntaxException("the document has no page");
    }

    /// <summary>Appends <paramref name="item"/> to owner[key], rewriting the array object when it is indirect, else the owner.</summary>
    private static void AddToArray(PdfFile file, Dictionary<int, PdfObject> update, PdfDict owner, string key, PdfRef item, int ownerNumber)
    {
        if (owner[key] is PdfRef arrayRef && file.Resolve(arrayRef) is PdfArray indirect)
        {
            update[arrayRef.Number] = Append(indirect, item);
            if (!update.ContainsKey(ownerNumber)) return;
        }
        var copy = update.TryGetValue(ownerNumber, out var pending) && pending is PdfDict p ? p : Copy(owner);
        copy.Entries[key] = Append(file.Resolve(owner[key]) as PdfArray, item);
        update[ownerNumber] = copy;
    }

    private static string UniqueFieldName(PdfFile file, PdfDict acroForm)
    {
        var names = ((file.Resolve(acroForm["Fields"]) as PdfArray)?.Items ?? [])
            .Select(f => file.ResolveDict(f)?["T"] is PdfString t ? t.AsText() : null).ToHashSet();
        var n = 1;
        while (names.Contains($"Signature{n}")) n++;
        return $"Signature{n}";
    }

    private static PdfArray Append(PdfArray? array, PdfObject item) => new([.. array?.Items ?? [], item]);
    private static PdfDict Copy(PdfDict d) => new(new Dictionary<string, PdfObject>(d.Entries, StringComparer.Ordinal));
    private static PdfDict Dict(params (string Key, PdfObject Value)[] entries) =>
        new(entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
    private static void Ascii(Stream s, string text) => s.Write(Encoding.Latin1.GetBytes(text));

    internal static string PdfDate(DateTimeOffset t) =>
        string.Create(CultureInfo.InvariantCulture, $"D:{t:yyyyMMddHHmmss}{(t.Offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(t.Offset.Hours):00}'{Math.Abs(t.Offset.Minutes):00}'");
}

/// <summary>A PDF with its signature placeholders: hash the /ByteRange, then embed the CMS.</summary>
internal sealed record PreparedPdf(byte[] Pdf, long[] ByteRange, int ReservedContentsBytes)
{
    public byte[] Digest(HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(Pdf, 0, (int)ByteRange[1]);
        hash.AppendData(Pdf, (int)ByteRange[2], (int)ByteRange[3]);
        return hash.GetHashAndReset();
    }

    /// <summary>The bytes the /ByteRange covers, for a timestamp request that takes the data itself.</summary>
    public byte[] SignedBytes() => [.. Pdf.AsSpan(0, (int)ByteRange[1]), .. Pdf.AsSpan((int)ByteRange[2], (int)ByteRange[3])];

    /// <summary>Writes the DER CMS as hex into the /Contents placeholder (zero-padded) and returns the signed PDF.</summary>
    public byte[] Embed(byte[] cms)
    {
        if (cms.Length > ReservedContentsBytes)
            throw new InvalidOperationException($"The CMS ({cms.Length} bytes) does not fit the reserved /Contents ({ReservedContentsBytes} bytes).");
        var result = (byte[])Pdf.Clone();
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(result, ByteRange[1] + 1);
        return result;
    }
}
