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
    public static TimestampEvidence Evidence(Stream content, PdfDocumentTimestamp timestamp) =>
        new("ARCHIVE_TIMESTAMP", timestamp.Token, timestamp.ByteRange is { } r && r[2] + r[3] <= content.Length ? CoveredBytes(content, r) : []);

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
