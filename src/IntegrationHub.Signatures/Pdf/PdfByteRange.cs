namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Checks a signature's /ByteRange (§12.8.1): it starts at 0, has two ranges, its gap is exactly the
/// /Contents hex string of the same dictionary, and it ends where a revision ends (%%EOF). Returns the
/// covered revision, or the reasons it is not acceptable.
/// </summary>
internal static class PdfByteRange
{
    public sealed record Result(long[]? Ranges, PdfRevision? CoveredRevision, List<string> Errors);

    public static Result Check(PdfFile file, PdfSignatureDictionary signature)
    {
        var errors = new List<string>();
        var values = (signature.Dict["ByteRange"] as PdfArray)?.Items.Select(i => (i as PdfNumber) is { IsInteger: true } n ? n.AsLong() : -1).ToArray();
        if (values is not { Length: 4 } || values.Any(v => v < 0))
            return new(null, null, ["/ByteRange is not four non-negative integers."]);
        var (a, b, c, d) = (values[0], values[1], values[2], values[3]);
        if (a != 0) errors.Add($"/ByteRange does not start at 0 (starts at {a}).");
        if (c < a + b) errors.Add("/ByteRange ranges overlap or are out of order.");
        if (c + d > file.Bytes.Length) errors.Add($"/ByteRange goes beyond the end of the file ({c + d} > {file.Bytes.Length}).");

        if (signature.InObjectStream)
            errors.Add("The signature dictionary is inside an object stream, so its /Contents cannot be the /ByteRange gap.");
        else if (signature.Dict["Contents"] is not PdfString { IsHex: true } contents)
            errors.Add("/Contents is missing or not a hex string.");
        else if (contents.Start != a + b || contents.End != c)
            errors.Add($"The /ByteRange gap [{a + b}, {c}) is not the /Contents string [{contents.Start}, {contents.End}) of the signature dictionary.");

        var end = c + d;
        var revision = file.Revisions.FirstOrDefault(r => end >= r.End && end <= r.EndWithEol);
        if (revision is null)
            errors.Add(end == file.Bytes.Length
                ? "/ByteRange covers the whole file but the file does not end with a revision (%%EOF)."
                : $"/ByteRange ends at {end}, which is not the end of a revision (%%EOF): it does not cover the signed revision.");
        return new(values, errors.Count == 0 ? revision : null, errors);
    }
}
