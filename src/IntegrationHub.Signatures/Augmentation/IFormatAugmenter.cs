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

    /// <summary>B-T to B-LT: embeds <paramref name="data"/> (CAdES certificate-values and revocation-values, XAdES
    /// CertificateValues and RevocationValues, PAdES a DSS dictionary with VRI). Data already carried is not repeated.</summary>
    byte[] AddValidationData(byte[] document, Stream? detachedContent, ValidationData data);

    /// <summary>B-LT to B-LTA, or renewal of B-LTA: a new archive timestamp over everything before it (CAdES
    /// archive-time-stamp-v3, XAdES ArchiveTimeStamp, PAdES document timestamp in an incremental update).</summary>
    Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default);
}
