using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// One format's part of augmentation (CAdES, XAdES, PAdES): it writes into the file what the engine gathered.
/// It never fetches anything itself, so a format is tested with data made in the test.
/// </summary>
public interface IFormatAugmenter
{
    /// <summary>The report's "format" word this augmenter writes: CADES, XADES or PADES.</summary>
    string Format { get; }

    /// <summary>B-B to B-T: a signature timestamp over each signature value that has none. Formats that cannot (yet)
    /// leave the default, and the orchestrator asks for a B-T input instead.</summary>
    Task<byte[]> AddSignatureTimestampAsync(byte[] document, ITimestampClient timestamps, HashAlgorithmName digestAlgorithm,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Adding a signature timestamp to a {Format} signature is not supported: sign it as B-T (with a TSA) first.");

    /// <summary>B-T to B-LT: embeds <paramref name="data"/> (CAdES certificate-values and revocation-values, XAdES
    /// CertificateValues and RevocationValues, PAdES a DSS dictionary with VRI). Data already carried is not repeated.</summary>
    byte[] AddValidationData(byte[] document, Stream? detachedContent, ValidationData data);

    /// <summary>B-LT to B-LTA, or renewal of B-LTA: a new archive timestamp over everything before it (CAdES
    /// archive-time-stamp-v3, XAdES ArchiveTimeStamp, PAdES document timestamp in an incremental update).</summary>
    Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default);
}
