namespace IntegrationHub.Signatures.Pdf;

/// <summary>A signature dictionary found in the file, and whether it sits in the file itself (not in an object stream).</summary>
internal sealed record PdfSignatureDictionary(int ObjectNumber, PdfDict Dict, bool InObjectStream);

/// <summary>
/// Finds every signature dictionary of the current document: indirect /Type /Sig dictionaries and the /V
/// of signature fields (/FT /Sig), wherever they are. Objects that cannot be read are skipped here; the
/// caller's checks fail the signatures whose pieces are unreadable.
/// </summary>
internal static class PdfSignatureLocator
{
    public static List<PdfSignatureDictionary> Find(PdfFile file)
    {
        var found = new Dictionary<string, PdfSignatureDictionary>();
        var map = file.MapAsOf(file.Latest.Number);
        foreach (var (number, entry) in map.OrderBy(e => e.Key))
        {
            if (entry.Type is not (1 or 2)) continue;
            PdfObject? obj;
            try { obj = file.ReadEntry(number, entry, map); }
            catch (PdfSyntaxException) { continue; }
            if (obj is not PdfDict dict) continue;

            if (IsSignatureDictionary(dict))
                found.TryAdd($"{number}", new PdfSignatureDictionary(number, dict, entry.Type == 2));
            else if (dict.Is("FT", "Sig") && dict["V"] is PdfDict direct && IsSignatureDictionary(direct))
                found.TryAdd($"{number}/V", new PdfSignatureDictionary(number, direct, entry.Type == 2));
        }
        return [.. found.Values];
    }

    private static bool IsSignatureDictionary(PdfDict dict) =>
        dict.Is("Type", "Sig") || dict.Is("Type", "DocTimeStamp") || (dict["ByteRange"] is PdfArray && dict["Contents"] is PdfString);
}
