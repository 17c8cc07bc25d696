namespace IntegrationHub.Signatures.Revocation;

public enum CertificateStatus
{
    Good,
    Revoked,
    /// <summary>The source answered but does not know the certificate (OCSP "unknown").</summary>
    Unknown,
}

/// <summary>What one revocation source (an OCSP response or a CRL) says about one certificate.</summary>
public sealed record RevocationStatus(
    CertificateStatus Status,
    string Source,
    DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate,
    DateTimeOffset? RevokedAt = null,
    string? Reason = null);

/// <summary>Why a revocation source gave no usable answer (unreachable, bad signature, stale, nonce mismatch...).</summary>
public sealed record RevocationProblem(string Source, string Message);
