using System.Formats.Asn1;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Turns the document timestamps after a signature into its ARCHIVE_TIMESTAMP evidence, and makes the hashing checks a
/// format owns: the token is a readable TSTInfo token whose own message-digest holds and whose message imprint is the
/// digest of the timestamp's /ByteRange. A document timestamp that fails them means a revision after the signature
/// (its DSS, or the timestamp itself) was altered, so the signature fails with it instead of passing with a warning.
/// </summary>
internal static class PdfArchiveTimestamps
{
    /// <param name="problem">Set when the file no longer holds what the timestamp covers (<see cref="DroppedDssData"/>): the timestamp then fails.</param>
    public static TimestampEvidence Evidence(Stream content, PdfDocumentTimestamp timestamp, string? problem = null) =>
        new("ARCHIVE_TIMESTAMP", timestamp.Token, timestamp.ByteRange is { } r && r[2] + r[3] <= content.Length ? CoveredBytes(content, r) : [])
        {
            Problem = problem,
        };

    /// <summary>
    /// Null when every certificate, CRL and OCSP response the DSS held in the revision the timestamp covers is still in
    /// the latest DSS (later updates may only add, as a renewal does); else what was dropped. The timestamp's imprint
    /// cannot see this: a later revision that rewrites the DSS leaves the timestamped bytes intact, yet the validator
    /// reads the latest DSS, so removing or swapping a stream there would change the evidence under the timestamp.
    /// </summary>
    public static string? DroppedDssData(PdfFile file, PdfDocumentTimestamp timestamp, PdfDss? latest)
    {
        // A timestamp with a broken /ByteRange has no covered revision; it fails on that already.
        if (timestamp.CoveredRevision is not { } revision || PdfDss.Read(file, revision) is not { } covered) return null;
        foreach (var (key, then, now) in new[] { ("Certs", covered.Certs, latest?.Certs), ("CRLs", covered.Crls, latest?.Crls), ("OCSPs", covered.Ocsps, latest?.Ocsps) })
        {
            var kept = (now ?? []).Select(i => Convert.ToHexString(SHA256.HashData(i.Der))).ToHashSet(StringComparer.Ordinal);
            var gone = then.Where(i => !kept.Contains(Convert.ToHexString(SHA256.HashData(i.Der)))).Select(i => i.Ref.Number).ToList();
            if (gone.Count > 0)
                return $"The DSS was edited after the document timestamp in object {timestamp.ObjectNumber}: its /{key} no longer hold(s) stream(s) {string.Join(", ", gone)} that the timestamp covers.";
        }
        return null;
    }

    /// <summary>Null when the timestamp is intact as far as hashing can tell; else the sub-indication and why.</summary>
    public static (string SubIndication, string Message)? Check(Stream content, PdfDocumentTimestamp timestamp)
    {
        var what = $"The document timestamp in object {timestamp.ObjectNumber}";
        if (timestamp.Errors.Count > 0) return (SubIndication.FormatFailure, string.Join(" ", timestamp.Errors));
        if (timestamp.ByteRange is not { } ranges || ranges[2] + ranges[3] > content.Length)
            return (SubIndication.FormatFailure, $"{what} has an unusable /ByteRange.");
        TstInfo info;
        try
        {
            var parsed = CmsSignedDataParser.Parse(timestamp.Token);
            if (parsed.EContentType != CmsOids.TstInfo || parsed.EContent is not { } tst)
                return (SubIndication.FormatFailure, $"{what} does not hold an RFC 3161 TSTInfo.");
            info = TstInfo.Parse(tst);
            var signers = CmsSignatureReader.Read(timestamp.Token, null, "TST");
            if (signers.Any(s => s.FormatErrors.Count > 0 || s.References.Any(r => !r.Intact)))
                return (SubIndication.HashFailure, $"{what}: its token does not match its own signed attributes (altered TSTInfo).");
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException or SignatureFormatException)
        {
            return (SubIndication.FormatFailure, $"{what} is not a readable timestamp token: {e.Message}");
        }
        var digest = PdfSignatureFormat.HashRanges(content, ranges, info.ImprintAlgorithm);
        return CryptographicOperations.FixedTimeEquals(digest, info.Imprint)
            ? null
            : (SubIndication.HashFailure, $"{what} does not match the bytes of its /ByteRange: the document was altered after it was timestamped.");
    }

    private static byte[] CoveredBytes(Stream content, long[] ranges)
    {
        var bytes = new byte[ranges[1] + ranges[3]];
        content.Position = ranges[0];
        content.ReadExactly(bytes, 0, (int)ranges[1]);
        content.Position = ranges[2];
        content.ReadExactly(bytes, (int)ranges[1], (int)ranges[3]);
        return bytes;
    }
}
