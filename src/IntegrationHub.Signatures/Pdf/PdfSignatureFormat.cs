using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// PDF signatures (adbe.pkcs7.detached, ETSI.CAdES.detached) with revision analysis. Reads only the tail,
/// the cross-reference chain and the objects it needs, and hashes the /ByteRange by streaming, so memory
/// stays bounded for any file size.
/// <para>
/// A revision appended after a signature that changes what was signed (page content, page tree, pages,
/// other existing objects) makes that signature fail (TOTAL_FAILED / FORMAT_FAILURE, with a warning that
/// says "modified"): the signed bytes are intact, but the document a reader sees is no longer the one that
/// was signed, which is what the PDF shadow attacks exploit. We judge like EU DSS's format-checking block
/// does for undefined changes, and stricter than viewers that only warn. Form filling, annotations and later
/// signatures are the changes PDF allows after signing (DocMDP): they only add a warning.
/// </para>
/// </summary>
public sealed class PdfSignatureFormat : ISignatureFormat
{
    public string Name => "PADES";

    public bool Recognizes(ReadOnlySpan<byte> head) => head.IndexOf("%PDF-"u8) >= 0;

    public IReadOnlyList<SignatureEvidence> Read(SignedFile file)
    {
        List<PdfSignatureInfo> signatures;
        PdfDss? dss;
        Dictionary<int, string> dropped;
        try
        {
            var pdf = PdfFile.Open(file.Content);
            signatures = PdfSignatureInspector.Inspect(pdf);
            dss = PdfDss.Read(pdf);
            dropped = [];
            foreach (var timestamp in signatures.SelectMany(s => s.ArchiveTimestamps).DistinctBy(t => t.ObjectNumber))
                if (PdfArchiveTimestamps.DroppedDssData(pdf, timestamp, dss) is { } problem) dropped[timestamp.ObjectNumber] = problem;
        }
        catch (Exception e) when (e is PdfSyntaxException or EndOfStreamException or IOException
            or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException or InvalidCastException)
        {
            // Only PdfSyntaxException is expected; the others are defence in depth against inputs we did not foresee.
            throw new SignatureFormatException($"Not a readable PDF: {e.Message}", e);
        }

        var validationData = PdfDssEvidence.Of(dss);
        var result = new List<SignatureEvidence>();
        foreach (var signature in signatures)
        {
            var index = result.Count + 1;
            var evidence = ReadCms(file.Content, signature, index);
            var archive = signature.ArchiveTimestamps
                .OrderBy(t => t.ByteRange is { } r ? r[2] + r[3] : long.MaxValue).ThenBy(t => t.ObjectNumber)
                .Select(t => PdfArchiveTimestamps.Evidence(file.Content, t, dropped.GetValueOrDefault(t.ObjectNumber))).ToList();
            var broken = signature.ArchiveTimestamps.Select(t => PdfArchiveTimestamps.Check(file.Content, t)).OfType<(string, string)>().ToList();
            result.AddRange(evidence.Select(e => WithLongTermData(Complete(e, signature), signature, dss, validationData, archive, broken)));
        }
        return result;
    }

    /// <summary>The DSS's data (every signature may need any of it) and the document timestamps after the signature.</summary>
    private static SignatureEvidence WithLongTermData(SignatureEvidence evidence, PdfSignatureInfo signature, PdfDss? dss,
        PdfDssEvidence data, List<TimestampEvidence> archive, List<(string, string)> broken)
    {
        var covered = dss?.Covers(signature.VriKey) == true;
        return evidence with
        {
            Certificates = [.. evidence.Certificates, .. data.Certificates],
            Crls = [.. evidence.Crls, .. data.Crls],
            OcspResponses = [.. evidence.OcspResponses, .. data.OcspResponses],
            CarriesValidationData = covered,
            Timestamps = [.. evidence.Timestamps, .. AsSignatureTimestamp(evidence, archive)],
            // A DSS that claims to hold this signature's data but cannot be read is a broken B-LT, not a B-T.
            FormatErrors = covered ? [.. evidence.FormatErrors, .. dss!.Errors] : evidence.FormatErrors,
            Warnings = !covered && dss is { Errors.Count: > 0 } ? [.. evidence.Warnings, .. dss.Errors] : evidence.Warnings,
            Failures = [.. evidence.Failures, .. broken],
        };
    }

    /// <summary>
    /// EN 319 142-1 (5.4.1): a PAdES B-B reaches B-T by a document timestamp as well as by a signature-time-stamp attribute,
    /// so for a signature without the attribute the first document timestamp after it is its signature timestamp; the
    /// ones after that (over a DSS) are archive timestamps.
    /// </summary>
    private static List<TimestampEvidence> AsSignatureTimestamp(SignatureEvidence evidence, List<TimestampEvidence> documentTimestamps) =>
        documentTimestamps.Count == 0 || evidence.Timestamps.Any(t => t.Type == TimestampChain.SignatureTimestamp)
            ? documentTimestamps
            : [documentTimestamps[0] with { Type = TimestampChain.SignatureTimestamp }, .. documentTimestamps.Skip(1)];

    private static IReadOnlyList<SignatureEvidence> ReadCms(Stream content, PdfSignatureInfo signature, int index)
    {
        if (signature.ByteRange is not { } ranges || ranges[2] + ranges[3] > content.Length || signature.Contents.Length == 0)
            return [Unreadable(index, "The signature cannot be checked: its /ByteRange or /Contents is unusable.")];
        try
        {
            return CmsSignatureReader.Read(signature.Contents, algorithm => HashRanges(content, ranges, algorithm), "PADES", index);
        }
        catch (SignatureFormatException e)
        {
            return [Unreadable(index, $"/Contents of the signature in object {signature.ObjectNumber}: {e.Message}")];
        }
    }

    private static SignatureEvidence Complete(SignatureEvidence evidence, PdfSignatureInfo signature) => evidence with
    {
        CoveredRevision = signature.CoveredRevision,
        ClaimedSigningTime = evidence.ClaimedSigningTime ?? signature.SigningTimeM,
        FormatErrors = [.. evidence.FormatErrors, .. signature.FormatErrors],
        Warnings = [.. evidence.Warnings, .. signature.Warnings, .. signature.Modifications.Select(m => $"Document modified after signing: {m}.")],
        Failures = [.. evidence.Failures, .. signature.Modifications.Select(m =>
            (SubIndication.FormatFailure, $"The document was modified after this signature: {m}."))],
    };

    /// <summary>Digest of the two /ByteRange segments, read in 1 MiB chunks of a pooled buffer (memory does not grow with the file).</summary>
    internal static byte[] HashRanges(Stream content, long[] ranges, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            for (var i = 0; i < 4; i += 2)
            {
                content.Position = ranges[i];
                for (var left = ranges[i + 1]; left > 0;)
                {
                    var n = content.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (n == 0) throw new SignatureFormatException("The file ended inside the /ByteRange.");
                    hash.AppendData(buffer, 0, n);
                    left -= n;
                }
            }
            return hash.GetHashAndReset();
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static SignatureEvidence Unreadable(int index, string error) => new()
    {
        Id = $"S-{index}",
        Format = "PADES",
        Signer = new SignerIdentifier(),
        SignedDigest = [],
        DigestAlgorithm = HashAlgorithmName.SHA256,
        SignatureAlgorithm = new SignatureAlgorithm("UNKNOWN", null, ""),
        SignatureValue = [],
        FormatErrors = [error],
    };
}
