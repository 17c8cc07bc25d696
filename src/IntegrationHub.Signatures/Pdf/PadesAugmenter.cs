using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// PAdES B-T (from B-B), B-LT and B-LTA, each step an incremental update so every earlier signature's /ByteRange stays intact:
/// B-LT adds the validation data to the DSS dictionary with a /VRI entry per signature; B-LTA adds a document
/// timestamp (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) over the whole document as it then is; a B-B gets one
/// too, before its DSS, as its signature timestamp. Renewal is the
/// engine calling both again: the data of the previous document timestamp's TSA into the DSS, then a new timestamp.
/// </summary>
/// <param name="time">The engine's clock: the /TU (time of update) of the VRI entries.</param>
public sealed class PadesAugmenter(TimeProvider time) : IFormatAugmenter
{
    /// <summary>Room for the timestamp token in /Contents: the TSA's signature and its certificate chain.</summary>
    public int ReservedTimestampBytes { get; init; } = 16 * 1024;

    public string Format => "PADES";

    public byte[] AddValidationData(byte[] document, Stream? detachedContent, ValidationData data)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return PdfDssWriter.Append(document, [.. data.Certificates.Select(c => c.RawData)], data.Crls, data.OcspResponses, time.GetUtcNow());
        }
        catch (Exception e) when (e is PdfSyntaxException or EndOfStreamException or IOException)
        {
            throw new SignatureFormatException($"Not a signed PDF that can be augmented: {e.Message}", e);
        }
    }

    /// <summary>
    /// B-B to B-T the way EN 319 142-1 allows for PAdES: a document timestamp over the file (the signature's /Contents
    /// included), the validator taking the first document timestamp after a signature without a signature-time-stamp as
    /// its signature timestamp.
    /// </summary>
    public Task<byte[]> AddSignatureTimestampAsync(byte[] document, ITimestampClient timestamps, HashAlgorithmName digestAlgorithm,
        CancellationToken cancellationToken = default) =>
        AddDocumentTimestampAsync(document, timestamps, digestAlgorithm, cancellationToken);

    public Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default) =>
        AddDocumentTimestampAsync(document, timestamps, digestAlgorithm, cancellationToken);

    private async Task<byte[]> AddDocumentTimestampAsync(byte[] document, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(timestamps);
        PreparedPdf pdf;
        try
        {
            pdf = PdfIncrementalWriter.Prepare(document, signingTime: null, ReservedTimestampBytes, "ETSI.RFC3161", "DocTimeStamp");
        }
        catch (Exception e) when (e is PdfSyntaxException or EndOfStreamException or IOException)
        {
            throw new SignatureFormatException($"Not a PDF that can be timestamped: {e.Message}", e);
        }
        var token = await timestamps.GetTokenAsync(pdf.SignedBytes(), digestAlgorithm, cancellationToken);
        return pdf.Embed(token);
    }
}
