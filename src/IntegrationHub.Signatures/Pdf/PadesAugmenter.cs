using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// PAdES B-LT and B-LTA, each step an incremental update so every earlier signature's /ByteRange stays intact:
/// B-LT adds the validation data to the DSS dictionary with a /VRI entry per signature; B-LTA adds a document
/// timestamp (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) over the whole document as it then is. Renewal is the
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

    public async Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
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
