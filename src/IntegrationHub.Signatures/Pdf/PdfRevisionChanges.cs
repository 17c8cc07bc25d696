using System.Security.Cryptography;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>What the incremental updates after a signed revision did.</summary>
internal sealed record PdfChanges(List<string> Notices, List<string> Modifications);

/// <summary>
/// Compares every object an incremental update redefines or frees with its version in the signed revision.
/// Allowed after signing (a warning only): new signatures, form filling, annotations, the AcroForm, DSS and
/// metadata. Anything else that existed when signing and changes afterwards (page content streams, the page
/// tree, page dictionaries beyond /Annots, fonts, images, the catalog's /Pages...) is a modification: that is
/// how the "shadow attacks" (Mainka, Mladenov, Rohlmann; NDSS 2021) swap what a signed PDF shows.
/// New objects alone change nothing visible unless an existing object starts to refer to them, which is caught.
/// </summary>
internal static class PdfRevisionChanges
{
    private static readonly HashSet<string> CatalogKeysAllowedToChange = ["AcroForm", "DSS", "Extensions", "Metadata", "Perms"];

    public static PdfChanges Analyse(PdfFile file, PdfRevision signed)
    {
        var notices = new List<string>();
        var modifications = new List<string>();
        var signedMap = file.MapAsOf(signed.Number);
        var signedRoot = (file.Revisions[signed.Number - 1].Sections[^1].Trailer["Root"] as PdfRef)?.Number;
        var acroFormNumber = (file.ResolveDict(signedRoot is { } r ? new PdfRef(r, 0) : null, signed.Number)?["AcroForm"] as PdfRef)?.Number;

        foreach (var revision in file.Revisions.Where(r => r.Number > signed.Number))
        {
            var map = file.MapAsOf(revision.Number);
            var formChanges = new List<int>();
            var added = 0;
            var newSignature = false;
            var newDocumentTimestamp = false;
            var dssUpdate = false;
            foreach (var (number, entry) in revision.Sections.SelectMany(s => s.Entries).DistinctBy(e => e.Key))
            {
                var existedBefore = signedMap.TryGetValue(number, out var before) && before.Type != 0;
                var now = entry.Type == 0 ? null : Read(file, number, entry, map);
                if (!existedBefore)
                {
                    if (entry.Type == 0) continue;
                    added++;
                    if (now is PdfDict { } ts && (ts.Is("Type", "DocTimeStamp") || ts.Is("SubFilter", "ETSI.RFC3161"))) newDocumentTimestamp = true;
                    else if (now is PdfDict d && (d.Is("Type", "Sig") || d["ByteRange"] is not null)) newSignature = true;
                    else if (now is PdfDict dss && dss.Is("Type", "DSS")) dssUpdate = true;
                    continue;
                }
                var old = Read(file, number, before, signedMap);
                if (now is not null && Same(file, old, now)) continue;
                if (old is PdfStream { Dict: var od } && (od.Is("Type", "ObjStm") || od.Is("Type", "XRef"))) continue;

                var kind = Classify(file, number, old, now, acroFormNumber, signed.Number);
                if (kind is null && number == signedRoot && IsOnlyDss(old, now)) dssUpdate = true;
                else if (kind is null) formChanges.Add(number);
                else modifications.Add($"revision {revision.Number} {(now is null ? "deletes" : "changes")} object {number} ({kind})");
            }

            var newRoot = (revision.Sections[^1].Trailer["Root"] as PdfRef)?.Number;
            if (newRoot != signedRoot && newRoot is { } rootNumber)
            {
                // A new catalog object: judge it like a changed catalog.
                var oldCatalog = file.ResolveDict(signedRoot is { } o ? new PdfRef(o, 0) : null, signed.Number);
                var newCatalog = file.ResolveDict(new PdfRef(rootNumber, 0), revision.Number);
                if (oldCatalog is null || newCatalog is null || ChangedKeys(oldCatalog, newCatalog).Any(k => !CatalogKeysAllowedToChange.Contains(k)))
                    modifications.Add($"revision {revision.Number} replaces the document catalog");
            }

            if (newSignature) notices.Add($"Revision {revision.Number} (after the signed revision {signed.Number}) adds a signature.");
            if (newDocumentTimestamp) notices.Add($"Revision {revision.Number} (after the signed revision {signed.Number}) adds a document timestamp.");
            if (dssUpdate) notices.Add($"Revision {revision.Number} adds long-term validation data (DSS).");
            if (formChanges.Count > 0)
                notices.Add($"Revision {revision.Number} fills in form fields or changes annotations after signing (objects {string.Join(", ", formChanges.Take(10))}).");
            else if (added > 0 && !newSignature && !newDocumentTimestamp && !dssUpdate)
                notices.Add($"Revision {revision.Number} adds {added} object(s) after signing without changing signed ones.");
        }
        return new PdfChanges(notices, modifications);
    }

    /// <summary>Null when the change is an allowed one (form, annotation, signature); otherwise what was modified.</summary>
    private static string? Classify(PdfFile file, int number, PdfObject? old, PdfObject? now, int? acroFormNumber, int signedRevision)
    {
        if (number == acroFormNumber) return null;
        var oldDict = old switch { PdfDict d => d, PdfStream s => s.Dict, _ => null };
        var newDict = now switch { PdfDict d => d, PdfStream s => s.Dict, _ => null };
        if (oldDict is not null)
        {
            if (IsFormOrAnnotation(oldDict) || oldDict.Is("Type", "Metadata") || oldDict.Is("Type", "DSS")) return null;
            if (oldDict.Is("Type", "Page"))
            {
                if (newDict is null) return "a page was removed";
                var changed = ChangedKeys(oldDict, newDict).Where(k => k != "Annots").ToList();
                return changed.Count == 0 ? null : $"page dictionary: {string.Join(", ", changed.Select(k => "/" + k))}";
            }
            if (oldDict.Is("Type", "Catalog"))
            {
                if (newDict is null) return "the catalog was removed";
                var changed = ChangedKeys(oldDict, newDict).Where(k => !CatalogKeysAllowedToChange.Contains(k)).ToList();
                return changed.Count == 0 ? null : $"catalog: {string.Join(", ", changed.Select(k => "/" + k))}";
            }
            if (oldDict.Is("Type", "Pages")) return "page tree";
            if (old is PdfStream) return oldDict.NameOf("Type") is { } t ? $"/{t} stream" : "stream, e.g. page content";
            return oldDict.NameOf("Type") is { } type ? $"/{type}" : "dictionary";
        }
        // Arrays of annotations or fields (/Annots, /Fields) may grow; other arrays may not change.
        if (old is PdfArray oldArray && now is PdfArray newArray)
            return AllFormOrAnnotation(file, oldArray, signedRevision) && AllFormOrAnnotation(file, newArray, null) ? null : "array";
        return old?.GetType().Name.Replace("Pdf", "").ToLowerInvariant() ?? "object";
    }

    /// <summary>A catalog whose only change is its /DSS: a B-LT update, not form filling.</summary>
    private static bool IsOnlyDss(PdfObject? old, PdfObject? now) =>
        old is PdfDict a && now is PdfDict b && ChangedKeys(a, b).All(k => k == "DSS");

    private static bool IsFormOrAnnotation(PdfDict d) =>
        d.Is("Type", "Annot") || d.Is("Subtype", "Widget") || d["FT"] is not null || d.Is("Type", "Sig") || d.Is("Type", "DocTimeStamp")
        || (d["Subtype"] is PdfName && d["Rect"] is PdfArray) || (d["Parent"] is PdfRef && d["T"] is not null);

    private static bool AllFormOrAnnotation(PdfFile file, PdfArray array, int? revision) =>
        array.Items.All(i => i is PdfRef && SafeDict(file, i, revision) is { } d && IsFormOrAnnotation(d));

    private static PdfDict? SafeDict(PdfFile file, PdfObject value, int? revision)
    {
        try { return file.ResolveDict(value, revision); }
        catch (PdfSyntaxException) { return null; }
    }

    private static IEnumerable<string> ChangedKeys(PdfDict a, PdfDict b) =>
        a.Entries.Keys.Union(b.Entries.Keys).Where(k => a[k]?.ToString() != b[k]?.ToString());

    private static PdfObject? Read(PdfFile file, int number, XrefEntry entry, Dictionary<int, XrefEntry> map)
    {
        try { return file.ReadEntry(number, entry, map); }
        catch (PdfSyntaxException) { return null; }
    }

    private static bool Same(PdfFile file, PdfObject? old, PdfObject now)
    {
        if (old is PdfStream a && now is PdfStream b)
            return a.Dict.ToString() == b.Dict.ToString() && a.DataLength == b.DataLength && Hash(file, a).SequenceEqual(Hash(file, b));
        return old is not null && old is not PdfStream && now is not PdfStream && old.ToString() == now.ToString();
    }

    /// <summary>Hashes a stream's raw data in chunks (bounded memory, even for a large image).</summary>
    private static byte[] Hash(PdfFile file, PdfStream stream)
    {
        if (stream.InlineData is { } inline) return SHA256.HashData(inline);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        var s = file.Bytes.Stream;
        s.Position = stream.DataOffset;
        for (var left = stream.DataLength; left > 0;)
        {
            var n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        return hash.GetHashAndReset();
    }
}
