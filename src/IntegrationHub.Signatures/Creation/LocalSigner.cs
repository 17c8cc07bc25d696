using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Creation;

/// <summary>
/// One-step signing with a certificate that holds its private key (a PKCS#12 file, the agency's seal):
/// Prepare, sign the digest here, Complete. The same path a USB token or remote-signing service takes, with the key local.
/// </summary>
public static class LocalSigner
{
    public static async Task<byte[]> SignAsync(IDocumentSigner signer, byte[] document, X509Certificate2 certificateWithKey,
        SigningParameters parameters, ITimestampClient? timestamps = null, CancellationToken cancellationToken = default)
    {
        if (!certificateWithKey.HasPrivateKey) throw new ArgumentException("The certificate has no private key.", nameof(certificateWithKey));
        var prepared = signer.Prepare(document, certificateWithKey, parameters);
        var value = SignDigest(certificateWithKey, prepared);
        return await signer.CompleteAsync(prepared, value, timestamps, cancellationToken);
    }

    /// <summary>Signs the prepared digest: RSA PKCS#1 v1.5 or PSS, ECDSA as DER (RFC 3279), as CMS and XML-DSig helpers expect.</summary>
    public static byte[] SignDigest(X509Certificate2 certificateWithKey, PreparedSignature prepared)
    {
        if (certificateWithKey.GetRSAPrivateKey() is { } rsa)
            using (rsa)
            {
                var padding = prepared.SignatureAlgorithm.Padding == "PSS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                return rsa.SignHash(prepared.Digest, prepared.DigestAlgorithm, padding);
            }
        if (certificateWithKey.GetECDsaPrivateKey() is { } ec)
            using (ec) return ec.SignHash(prepared.Digest, DSASignatureFormat.Rfc3279DerSequence);
        throw new NotSupportedException("Only RSA and ECDSA keys can sign.");
    }
}
