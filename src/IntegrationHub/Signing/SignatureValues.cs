using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signing;

/// <summary>Checks raw signature values over a prepared digest with the platform's RSA and ECDSA.</summary>
public static class SignatureValues
{
    /// <summary>True when <paramref name="value"/> is a signature of the prepared digest by the certificate's key.
    /// ECDSA values are accepted as DER (as tokens give them) or as r||s.</summary>
    public static bool Verify(PreparedSignature prepared, byte[] value)
    {
        var cert = prepared.SignerCertificate;
        try
        {
            if (cert.GetRSAPublicKey() is { } rsa)
                using (rsa)
                    return rsa.VerifyHash(prepared.Digest, value, prepared.DigestAlgorithm,
                        prepared.SignatureAlgorithm.Padding == "PSS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
            if (cert.GetECDsaPublicKey() is { } ec)
                using (ec)
                    return ec.VerifyHash(prepared.Digest, value, DSASignatureFormat.Rfc3279DerSequence)
                        || ec.VerifyHash(prepared.Digest, value, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
        return false;
    }
}
