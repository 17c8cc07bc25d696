namespace IntegrationHub.Signatures.Revocation;

/// <summary>
/// Where revocation data may come from. Network sources (OCSP responders named in AIA, CRL distribution
/// points) are used only when enabled: `--ocsp` on the command line turns both on.
/// </summary>
public sealed record RevocationOptions
{
    /// <summary>CRLs given as files (--crl), DER.</summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];

    /// <summary>Ask the OCSP responder named in each certificate's AIA extension.</summary>
    public bool EnableOcsp { get; init; }

    /// <summary>Download CRLs from the certificates' CRL distribution points (http only).</summary>
    public bool EnableCrlDownload { get; init; }

    /// <summary>
    /// Null: revocation is required whenever any source exists (files, carried data, or network enabled),
    /// and skipped with a warning otherwise. True or false forces it.
    /// </summary>
    public bool? Require { get; init; }

    /// <summary>An OCSP response without nextUpdate is accepted for this long after its thisUpdate.</summary>
    public TimeSpan OcspMaxAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Tolerated clock difference with responders (thisUpdate slightly in the future).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest CRL or OCSP response read from the network.</summary>
    public int MaxDownloadBytes { get; init; } = 16 * 1024 * 1024;

    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
