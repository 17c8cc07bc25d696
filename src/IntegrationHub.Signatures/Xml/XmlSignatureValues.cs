using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>Checks a signature value (PKCS#1 or PSS for RSA, DER for ECDSA) over a digest with a certificate's public key.</summary>
internal static class XmlSignatureValues
{
    public static bool Verify(X509Certificate2 certificate, SignatureAlgorithm algorithm, HashAlgorithmName hash, byte[] digest, byte[] value)
    {
        try
        {
            if (algorithm.KeyAlgorithm == "ECDSA")
            {
                using var ec = certificate.GetECDsaPublicKey();
                return ec is not null && ec.VerifyHash(digest, value, DSASignatureFormat.Rfc3279DerSequence);
            }
            using var rsa = certificate.GetRSAPublicKey();
            var padding = algorithm.Padding == "PSS" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return rsa is not null && rsa.VerifyHash(digest, value, hash, padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static string KeyAlgorithmOf(X509Certificate2 certificate) =>
        certificate.GetKeyAlgorithm() switch
        {
            "1.2.840.113549.1.1.1" => "RSA",
            "1.2.840.10045.2.1" => "ECDSA",
            var other => throw new NotSupportedException($"Signer key algorithm {other} is not supported for XAdES."),
        };

    /// <summary>Bytes per coordinate of the certificate's curve (32 for P-256, 66 for P-521).</summary>
    public static int EcFieldSize(X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPublicKey() ?? throw new NotSupportedException("Not an EC certificate.");
        return (ec.KeySize + 7) / 8;
    }
}
