using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// CAdES-B-B / B-T, attached or detached (modes cades-attached, cades-detached), in two steps: Prepare builds the
/// DER signed attributes (signing time fixed there) and returns their digest; CompleteAsync checks the value made
/// elsewhere against the certificate's key, optionally adds a signature timestamp, and writes the SignedData.
/// </summary>
public sealed class CadesSigner(bool attached) : IDocumentSigner
{
    public string Mode => attached ? "cades-attached" : "cades-detached";

    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        var contentDigest = CmsOids.Hash(parameters.DigestAlgorithm, document);
        return PrepareCore(Mode, contentDigest, attached ? document : null, signerCertificate, parameters, parameters.SigningTime);
    }

    /// <summary>
    /// For PAdES: prepares a detached SignedData over an already computed content digest (the PDF ByteRange),
    /// with the PAdES baseline attribute profile (content-type, message-digest, signing-certificate-v2, no
    /// signing-time attribute). CompleteAsync on the result returns the DER ContentInfo for /Contents.
    /// </summary>
    public static PreparedSignature PrepareForDigest(byte[] contentDigest, X509Certificate2 signerCertificate, SigningParameters parameters, bool padesProfile)
        => PrepareCore(padesProfile ? "pades" : "cades-detached", contentDigest, null, signerCertificate, parameters,
            padesProfile ? null : parameters.SigningTime);

    private static PreparedSignature PrepareCore(string mode, byte[] contentDigest, byte[]? attachedContent, X509Certificate2 signer,
        SigningParameters parameters, DateTimeOffset? signingTime)
    {
        var algorithm = AlgorithmFor(signer, parameters);
        var signedAttributes = CmsWriter.SignedAttributes(contentDigest, parameters.DigestAlgorithm, signer, signingTime);
        var digest = CmsOids.Hash(parameters.DigestAlgorithm, signedAttributes);
        var state = new CadesState(signedAttributes, parameters.DigestAlgorithm, attachedContent);
        return new PreparedSignature(mode, signedAttributes, digest, parameters.DigestAlgorithm, algorithm, signer, parameters, state);
    }

    public async Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
    {
        if (prepared.State is not CadesState state) throw new ArgumentException("This prepared signature was not made by CadesSigner.", nameof(prepared));
        var value = NormalizeEcdsa(prepared, signatureValue);
        if (!PublicKeys.Verify(prepared.SignerCertificate, prepared.SignatureAlgorithm, prepared.DigestAlgorithm, prepared.Digest, value))
            throw new SignatureValueRejectedException(
                $"The signature value does not verify with the public key of '{prepared.SignerCertificate.Subject}' over the prepared digest; " +
                "it was made with another key or over other data.");
        byte[]? token = null;
        if (prepared.Parameters.WithTimestamp)
        {
            if (timestamps is null) throw new InvalidOperationException("A B-T signature was asked for, but no time-stamping authority is configured.");
            token = await timestamps.GetTokenAsync(value, prepared.DigestAlgorithm, cancellationToken);
        }
        var chain = prepared.Parameters.ChainToInclude ?? [];
        return CmsWriter.SignedData(state, prepared.SignatureAlgorithm, prepared.SignerCertificate, chain, value, token);
    }

    /// <summary>USB tokens often return ECDSA as r||s (IEEE P1363); CMS carries DER, so convert when that is what we got.</summary>
    private static byte[] NormalizeEcdsa(PreparedSignature prepared, byte[] value)
    {
        if (prepared.SignatureAlgorithm.KeyAlgorithm != "ECDSA" || value.Length == 0 || value[0] == 0x30) return value;
        using var ec = prepared.SignerCertificate.GetECDsaPublicKey();
        if (ec is null || value.Length != 2 * ((ec.KeySize + 7) / 8)) return value;
        return EcdsaSignatures.P1363ToDer(value);
    }

    internal static SignatureAlgorithm AlgorithmFor(X509Certificate2 signer, SigningParameters parameters)
    {
        var key = PublicKeys.Get(signer);
        return key.Algorithm switch
        {
            "RSA" when parameters.UsePss => SignatureAlgorithm.RsaPss(CmsOids.RsaPss),
            "RSA" => SignatureAlgorithm.RsaPkcs1(CmsOids.SignatureOid("RSA", parameters.DigestAlgorithm)),
            "ECDSA" => SignatureAlgorithm.Ecdsa(CmsOids.SignatureOid("ECDSA", parameters.DigestAlgorithm)),
            _ => throw new NotSupportedException($"Signing with a {key.Algorithm} key is not supported (RSA or ECDSA)."),
        };
    }
}

/// <summary>A signature value handed to Complete that does not verify with the signer's key over the prepared digest.</summary>
public sealed class SignatureValueRejectedException(string message) : Exception(message);
