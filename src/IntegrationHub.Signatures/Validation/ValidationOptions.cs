using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// How to validate: the path validator (trust anchors, CRLs and OCSP are configured on it), the crypto policy,
/// the validation time (null: now, from the validator's TimeProvider) and extra certificates (--untrusted).
/// </summary>
public sealed record ValidationOptions(ICertificatePathValidator PathValidator)
{
    /// <summary>Crypto policy (vn-default unless a name or a policy file says otherwise, see <see cref="CryptoPolicy.Load"/>).</summary>
    public CryptoPolicy Policy { get; init; } = CryptoPolicy.VnDefault;

    /// <summary>Validate as of this time (--at); null means now.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Whether OCSP was asked for (--ocsp); the path validator does the asking, this is recorded for the report.</summary>
    public bool Ocsp { get; init; }

    /// <summary>Certificates supplied besides the ones carried in the file (--untrusted): signer and CA candidates.</summary>
    public IReadOnlyList<X509Certificate2> ExtraCertificates { get; init; } = [];

    /// <summary>Warn when the latest archive timestamp's TSA certificate expires within this long: time to renew (add another).</summary>
    public TimeSpan RenewalWarning { get; init; } = TimeSpan.FromDays(90);

    /// <summary>CRLs supplied besides the ones carried in the file (--crl), passed to the path validator with the carried ones.</summary>
    public IReadOnlyList<byte[]> ExtraCrls { get; init; } = [];
}
