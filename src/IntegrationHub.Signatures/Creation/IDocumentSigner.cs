using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Creation;

/// <summary>
/// Two-step signing for one format: <see cref="Prepare"/> fixes every parameter (signing time above all)
/// and returns the digest to sign; <see cref="Complete"/> embeds the signature value made elsewhere
/// (a citizen's USB token, a remote-signing provider, or a local key in <see cref="LocalSigner"/>).
/// The private key never reaches these methods.
/// </summary>
public interface IDocumentSigner
{
    /// <summary>cades-detached, cades-attached, xades-enveloped, pades.</summary>
    string Mode { get; }

    PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters);

    /// <summary>Builds the signed document. When parameters asked for B-T, asks <paramref name="timestamps"/> for a token over the signature value.</summary>
    Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default);
}

public sealed record SigningParameters(
    DateTimeOffset SigningTime,
    HashAlgorithmName DigestAlgorithm,
    IReadOnlyList<X509Certificate2>? ChainToInclude = null,
    bool WithTimestamp = false,
    /// <summary>RSA signatures: PKCS#1 v1.5 (default) or PSS.</summary>
    bool UsePss = false);

/// <summary>
/// The state between the two steps. <see cref="Digest"/> is what the signer signs (with
/// <see cref="DigestAlgorithm"/> and <see cref="SignatureAlgorithm"/>); <see cref="DataToBeSigned"/> are the bytes it
/// is the digest of. <see cref="State"/> is the format's own opaque data.
/// </summary>
public sealed record PreparedSignature(
    string Mode,
    byte[] DataToBeSigned,
    byte[] Digest,
    HashAlgorithmName DigestAlgorithm,
    SignatureAlgorithm SignatureAlgorithm,
    X509Certificate2 SignerCertificate,
    SigningParameters Parameters,
    object State);

/// <summary>Asks an RFC 3161 time-stamping authority for a token (DER TimeStampToken ContentInfo) over some bytes.</summary>
public interface ITimestampClient
{
    Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default);
}
