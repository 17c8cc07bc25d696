using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// The configured trust anchors (roots such as the national root CA, or any CA an operator decides to trust).
/// Anchors are configuration, loaded from files and folders, so they change without a release.
/// </summary>
public sealed class TrustStore
{
    private readonly List<X509Certificate2> _anchors;

    public TrustStore(IEnumerable<X509Certificate2> anchors)
    {
        // The same certificate listed twice (a PEM bundle and its DER copy) is one anchor.
        _anchors = anchors.DistinctBy(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Anchors from files (DER, or PEM holding several) or folders of such files.</summary>
    public static TrustStore FromFiles(IEnumerable<string> paths) => new(CertificateFiles.LoadCertificates(paths));

    public IReadOnlyList<X509Certificate2> Anchors => _anchors;

    public bool Contains(X509Certificate2 certificate) =>
        _anchors.Any(a => a.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span));

    /// <summary>What an admin sees when listing the anchors.</summary>
    public IReadOnlyList<TrustAnchorInfo> List() =>
        _anchors.Select(TrustAnchorInfo.From).OrderBy(a => a.Subject, StringComparer.Ordinal).ToList();
}

/// <summary>One trust anchor as listed to an admin: subject, SHA-256 thumbprint (hex), validity end.</summary>
public sealed record TrustAnchorInfo(string Subject, string Thumbprint, DateTimeOffset NotAfter)
{
    public static TrustAnchorInfo From(X509Certificate2 certificate) => new(
        certificate.Subject,
        Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
}
