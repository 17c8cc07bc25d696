using System.Globalization;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>Everything the PDF layer knows about one signature, before the CMS inside it is read.</summary>
internal sealed record PdfSignatureInfo(
    int ObjectNumber,
    string? SubFilter,
    long[]? ByteRange,
    byte[] Contents,
    DateTimeOffset? SigningTimeM,
    int? CoveredRevision,
    int RevisionCount,
    List<string> FormatErrors,
    List<string> Warnings,
    List<string> Modifications)
{
    /// <summary>The key of this signature's /VRI entry in the DSS.</summary>
    public string VriKey => PdfDss.VriKey(Contents);

    /// <summary>The document timestamps of later revisions: proofs of existence of this signature and of the DSS before them.</summary>
    public List<PdfDocumentTimestamp> ArchiveTimestamps { get; init; } = [];
}

/// <summary>A document timestamp (PAdES-LTA): its RFC 3161 token, the /ByteRange it covers and what is wrong with its structure.</summary>
internal sealed record PdfDocumentTimestamp(int ObjectNumber, long[]? ByteRange, byte[] Token, int? CoveredRevision, List<string> Errors);

/// <summary>
/// Finds the signatures of a PDF and checks their structure: sub-filter, /ByteRange, the revision each one
/// covers, and what the later incremental updates changed. No cryptography here.
/// </summary>
internal static class PdfSignatureInspector
{
    private static readonly HashSet<string> SupportedSubFilters = ["adbe.pkcs7.detached", "ETSI.CAdES.detached"];

    public static List<PdfSignatureInfo> Inspect(PdfFile file)
    {
        var result = new List<PdfSignatureInfo>();
        var found = PdfSignatureLocator.Find(file);
        // Document timestamps (PAdES-LTA) are not signatures of a signer: they time-stamp the signatures before them.
        var documentTimestamps = found.Where(IsDocumentTimestamp).Select(t => DocumentTimestamp(file, t)).ToList();
        var trailing = TrailingBytes(file);
        foreach (var signature in found.Where(s => !IsDocumentTimestamp(s)))
        {
            var errors = new List<string>();
            var warnings = new List<string>();
            var modifications = new List<string>();
            var subFilter = signature.Dict.NameOf("SubFilter");
            if (subFilter is null || !SupportedSubFilters.Contains(subFilter))
                errors.Add($"Unsupported signature /SubFilter {(subFilter is null ? "(none)" : "/" + subFilter)}: only adbe.pkcs7.detached and ETSI.CAdES.detached are validated.");

            var check = PdfByteRange.Check(file, signature);
            errors.AddRange(check.Errors);
            if (check.CoveredRevision is { } covered)
            {
                try
                {
                    var changes = PdfRevisionChanges.Analyse(file, covered);
                    warnings.AddRange(changes.Notices);
                    modifications.AddRange(changes.Modifications);
                }
                catch (PdfSyntaxException e)
                {
                    modifications.Add($"the updates after revision {covered.Number} cannot be read ({e.Message})");
                }
                if (covered.Number < file.Revisions.Count)
                    warnings.Add($"The signature covers revision {covered.Number} of {file.Revisions.Count}; later incremental updates are not signed by it.");
            }
            if (trailing is not null) modifications.Add(trailing);

            var contents = signature.Dict["Contents"] is PdfString s ? TrimDer(s.Bytes) : [];
            if (contents.Length == 0) errors.Add("/Contents is empty.");
            var m = signature.Dict["M"] is PdfString mString ? ParseDate(mString.AsText()) : null;
            result.Add(new PdfSignatureInfo(signature.ObjectNumber, subFilter, check.Ranges, contents, m,
                check.CoveredRevision?.Number, file.Revisions.Count, errors, warnings, modifications)
            {
                // A timestamp whose covered revision is unknown (broken /ByteRange) is attached everywhere, to fail loudly.
                ArchiveTimestamps = [.. documentTimestamps.Where(t => t.CoveredRevision is not { } c || c > (check.CoveredRevision?.Number ?? int.MaxValue))],
            });
        }
        // Document order: the revision signed first comes first.
        return [.. result.OrderBy(i => i.ByteRange is { } r ? r[2] + r[3] : long.MaxValue).ThenBy(i => i.ObjectNumber)];
    }

    /// <summary>
    /// What follows the last revision's %%EOF, when it is more than white space: bytes that no cross-reference section
    /// accounts for, so every revision reads as if they were not there. A lenient reader that rebuilds the
    /// cross-reference by scanning the file still finds the objects in them and may show them (a shadow attack
    /// without an update of its own); a well-formed incremental update ends with its own xref and %%EOF instead.
    /// </summary>
    private static string? TrailingBytes(PdfFile file)
    {
        const int chunkLength = 64 * 1024;
        var end = file.Latest.EndWithEol;
        for (var at = end; at < file.Bytes.Length; at += chunkLength)
        {
            var chunk = file.Bytes.Read(at, chunkLength);
            var first = chunk.AsSpan().IndexOfAnyExcept(PdfWhiteSpace);
            if (first >= 0)
                return $"{file.Bytes.Length - end} bytes after the last revision (from offset {end}) are not a well-formed incremental " +
                       $"update (no cross-reference section and %%EOF of their own, first non-blank byte at offset {at + first}); " +
                       "a lenient reader may recover and show what they hold";
        }
        return null;
    }

    /// <summary>PDF white space (§7.2.3): NUL, tab, line feed, form feed, carriage return, space.</summary>
    private static readonly System.Buffers.SearchValues<byte> PdfWhiteSpace = System.Buffers.SearchValues.Create([0, 9, 10, 12, 13, 32]);

    private static PdfDocumentTimestamp DocumentTimestamp(PdfFile file, PdfSignatureDictionary timestamp)
    {
        var check = PdfByteRange.Check(file, timestamp);
        var errors = check.Errors.Select(e => $"Document timestamp in object {timestamp.ObjectNumber}: {e}").ToList();
        if (!timestamp.Dict.Is("SubFilter", "ETSI.RFC3161"))
            errors.Add($"Document timestamp in object {timestamp.ObjectNumber}: its /SubFilter is not /ETSI.RFC3161.");
        var token = timestamp.Dict["Contents"] is PdfString s ? TrimDer(s.Bytes) : [];
        if (token.Length == 0) errors.Add($"Document timestamp in object {timestamp.ObjectNumber}: /Contents is empty.");
        return new PdfDocumentTimestamp(timestamp.ObjectNumber, check.Ranges, token, check.CoveredRevision?.Number, errors);
    }

    private static bool IsDocumentTimestamp(PdfSignatureDictionary s) =>
        s.Dict.Is("Type", "DocTimeStamp") || s.Dict.Is("SubFilter", "ETSI.RFC3161");

    /// <summary>/Contents is padded with zeros to its reserved size: keep only the DER element.</summary>
    internal static byte[] TrimDer(byte[] data)
    {
        if (data.Length < 2 || data[0] != 0x30) return data;
        long length;
        var header = 2;
        if (data[1] < 0x80) length = data[1];
        else
        {
            var count = data[1] & 0x7F;
            if (count is 0 or > 4 || data.Length < 2 + count) return data;
            length = 0;
            for (var i = 0; i < count; i++) length = (length << 8) | data[2 + i];
            header += count;
        }
        return header + length <= data.Length ? data[..(int)(header + length)] : data;
    }

    /// <summary>PDF date (§7.9.4): D:YYYYMMDDHHmmSSOHH'mm', every part after the year optional.</summary>
    internal static DateTimeOffset? ParseDate(string text)
    {
        if (text.StartsWith("D:", StringComparison.Ordinal)) text = text[2..];
        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4) return null;
        int Part(int start, int length, int fallback) =>
            digits.Length >= start + length ? int.Parse(digits.AsSpan(start, length), CultureInfo.InvariantCulture) : fallback;
        var offset = TimeSpan.Zero;
        var rest = text[digits.Length..];
        if (rest.Length > 0 && rest[0] is '+' or '-')
        {
            var zone = new string(rest[1..].Where(char.IsAsciiDigit).ToArray());
            var hours = zone.Length >= 2 ? int.Parse(zone.AsSpan(0, 2), CultureInfo.InvariantCulture) : 0;
            var minutes = zone.Length >= 4 ? int.Parse(zone.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
            offset = new TimeSpan(hours, minutes, 0) * (rest[0] == '-' ? -1 : 1);
        }
        try
        {
            return new DateTimeOffset(Part(0, 4, 1), Part(4, 2, 1), Part(6, 2, 1), Part(8, 2, 0), Part(10, 2, 0), Part(12, 2, 0), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
