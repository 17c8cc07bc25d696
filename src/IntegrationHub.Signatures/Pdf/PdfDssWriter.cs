using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Appends an incremental update that adds to (or starts) the DSS: one unfiltered stream per certificate, CRL and
/// OCSP response not already in it, a new DSS dictionary (/Type /DSS) listing the old and new streams, and a /VRI
/// entry (/Cert, /CRL, /OCSP, /TU) for each signature and document timestamp that has none yet. Only the catalog is
/// rewritten, for its /DSS, which the revision checks allow after signing; every earlier byte stays as it was.
/// </summary>
internal static class PdfDssWriter
{
    public static byte[] Append(byte[] document, IReadOnlyList<byte[]> certs, IReadOnlyList<byte[]> crls, IReadOnlyList<byte[]> ocsps, DateTimeOffset now)
    {
        var file = PdfFile.Open(new PdfBytes(document));
        if (file.Trailer["Encrypt"] is not null) throw new PdfSyntaxException("encrypted PDFs cannot be augmented here");
        var rootRef = file.Trailer["Root"] as PdfRef ?? throw new PdfSyntaxException("trailer has no /Root");
        var catalog = file.ResolveDict(rootRef) ?? throw new PdfSyntaxException("the catalog is not a dictionary");
        var signatures = PdfSignatureLocator.Find(file)
            .Select(s => s.Dict["Contents"] is PdfString c ? PdfSignatureInspector.TrimDer(c.Bytes) : [])
            .Where(c => c.Length > 0).ToList();
        if (signatures.Count == 0) throw new PdfSyntaxException("the PDF has no signature to add validation data for");

        var existing = PdfDss.Read(file);
        if (existing is { Errors.Count: > 0 } broken) throw new PdfSyntaxException($"its DSS is unreadable: {broken.Errors[0]}");
        var map = file.MapAsOf(file.Latest.Number);
        var size = (int)Math.Max((file.Trailer["Size"] as PdfNumber)?.AsLong() ?? 0, map.Count == 0 ? 1 : map.Keys.Max() + 1);

        var output = new MemoryStream();
        output.Write(document);
        if (document.Length > 0 && document[^1] is not ((byte)'\n' or (byte)'\r')) Ascii(output, "\n");
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();

        // Each list: the DSS's streams followed by the new ones; "given" are the references of this call's data.
        List<PdfRef> Streams(List<PdfDssItem> old, IReadOnlyList<byte[]> added, out List<PdfRef> given)
        {
            var byDigest = new Dictionary<string, PdfRef>();
            foreach (var item in old) byDigest.TryAdd(Convert.ToHexString(SHA256.HashData(item.Der)), item.Ref);
            var all = old.Select(i => i.Ref).ToList();
            given = [];
            foreach (var der in added)
            {
                var digest = Convert.ToHexString(SHA256.HashData(der));
                if (!byDigest.TryGetValue(digest, out var reference))
                {
                    reference = new PdfRef(size++, 0);
                    offsets[reference.Number] = (output.Position, 0);
                    Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{reference.Number} 0 obj\n<</Length {der.Length}>>\nstream\n"));
                    output.Write(der);
                    Ascii(output, "\nendstream\nendobj\n");
                    byDigest[digest] = reference;
                    all.Add(reference);
                }
                if (!given.Any(g => g.Number == reference.Number)) given.Add(reference);
            }
            return all;
        }

        var allCerts = Streams(existing?.Certs ?? [], certs, out var givenCerts);
        var allCrls = Streams(existing?.Crls ?? [], crls, out var givenCrls);
        var allOcsps = Streams(existing?.Ocsps ?? [], ocsps, out var givenOcsps);

        var vri = new Dictionary<string, PdfObject>(StringComparer.Ordinal);
        foreach (var (key, entry) in existing?.Vri ?? []) vri[key.ToUpperInvariant()] = entry;
        // The data is for the signatures and document timestamps the VRI does not know yet (B-LT, or a renewal's newest
        // timestamp); when it knows them all, this is a refresh of the same ones and every entry is extended.
        var keys = signatures.Select(PdfDss.VriKey).Distinct().ToList();
        var uncovered = keys.Where(k => !vri.ContainsKey(k)).ToList();
        foreach (var key in uncovered.Count > 0 ? uncovered : keys)
        {
            var old = vri.GetValueOrDefault(key) as PdfDict;
            vri[key] = Dict(
                ("Type", new PdfName("VRI")),
                ("Cert", Union(old, "Cert", givenCerts, file)),
                ("CRL", Union(old, "CRL", givenCrls, file)),
                ("OCSP", Union(old, "OCSP", givenOcsps, file)),
                ("TU", new PdfString(Encoding.ASCII.GetBytes(PdfIncrementalWriter.PdfDate(now)), false, 0, 0)));
        }

        var dssNumber = size++;
        offsets[dssNumber] = (output.Position, 0);
        var dss = Dict(("Type", new PdfName("DSS")), ("Certs", new PdfArray([.. allCerts])), ("CRLs", new PdfArray([.. allCrls])),
            ("OCSPs", new PdfArray([.. allOcsps])), ("VRI", new PdfDict(vri)));
        Ascii(output, $"{dssNumber} 0 obj\n{dss}\nendobj\n");

        var newCatalog = new PdfDict(new Dictionary<string, PdfObject>(catalog.Entries, StringComparer.Ordinal)) { Entries = { ["DSS"] = new PdfRef(dssNumber, 0) } };
        var generation = map.TryGetValue(rootRef.Number, out var e) && e.Type == 1 ? e.Generation : 0;
        offsets[rootRef.Number] = (output.Position, generation);
        Ascii(output, $"{rootRef.Number} {generation} obj\n{newCatalog}\nendobj\n");

        PdfXrefWriter.WriteUpdateSection(output, file, offsets, rootRef, size);
        return output.ToArray();
    }

    /// <summary>An entry's references plus the new ones, without repeats.</summary>
    private static PdfArray Union(PdfDict? entry, string key, List<PdfRef> added, PdfFile file)
    {
        var old = (entry is null ? null : file.Resolve(entry[key]) as PdfArray)?.Items.OfType<PdfRef>() ?? [];
        return new PdfArray([.. old.Concat(added).DistinctBy(r => r.Number)]);
    }

    private static PdfDict Dict(params (string Key, PdfObject Value)[] entries) =>
        new(entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));

    private static void Ascii(Stream s, string text) => s.Write(Encoding.Latin1.GetBytes(text));
}
