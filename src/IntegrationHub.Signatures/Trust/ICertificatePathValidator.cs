using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// X.509 path building and validation (RFC 5280) from a target certificate to the configured trust anchors,
/// with revocation by CRL and OCSP. Used by the signature validation core and by `hub certs validate`.
/// </summary>
public interface ICertificatePathValidator
{
    PathValidationResult Validate(X509Certificate2 target, PathValidationRequest request);

    /// <summary>The same, without blocking a thread while OCSP responders and CRL distribution points answer.</summary>
    Task<PathValidationResult> ValidateAsync(
        X509Certificate2 target, PathValidationRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Validate(target, request));
}

public sealed record PathValidationRequest(
    /// <summary>The time the path must be valid at (best signature time, or --at).</summary>
    DateTimeOffset At,
    /// <summary>Certificates found in the signature or supplied with --untrusted.</summary>
    IReadOnlyList<X509Certificate2> ExtraCertificates,
    /// <summary>CRLs and OCSP responses carried in the signature.</summary>
    IReadOnlyList<byte[]> CarriedCrls,
    IReadOnlyList<byte[]> CarriedOcspResponses,
    /// <summary>Key usage the target must allow (e.g. digitalSignature or nonRepudiation for signers), null for none.</summary>
    X509KeyUsageFlags? RequiredKeyUsage = null)
{
    /// <summary>
    /// True when <see cref="At"/> is a proof of existence (a verified timestamp, or the current time), false when
    /// it is only claimed (a signing-time attribute). A certificate revoked after a claimed time gives
    /// INDETERMINATE/REVOKED_NO_POE; after a proven time, it passes with a warning.
    /// </summary>
    public bool AtIsProofOfExistence { get; init; }
}

/// <summary>
/// The verdict in ETSI words. <see cref="Chain"/> runs target first, anchor last (empty when none was found).
/// <see cref="RevokedAt"/> is set when the target or a CA was found revoked.
/// </summary>
public sealed record PathValidationResult(
    string Indication,
    string? SubIndication,
    IReadOnlyList<X509Certificate2> Chain,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings);
