using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// Hook for the crypto policy (e.g. `vn-default`: RSA ≥ 2048, ECDSA ≥ P-256, no SHA-1/MD5) applied to every
/// certificate of a path except the anchor. The policy itself lives with the validation core
/// (Validation/CryptoPolicy); the path validator only asks. Without a hook no algorithm is refused here,
/// which is what conformance suites such as PKITS (RSA-1024 with SHA-1) need.
/// </summary>
public interface ICertificateAlgorithmPolicy
{
    /// <summary>Null when acceptable; otherwise the finding (typically INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE).</summary>
    PathPolicyFinding? Check(X509Certificate2 certificate, int position, DateTimeOffset at);
}

public sealed record PathPolicyFinding(string Indication, string SubIndication, string Message);
