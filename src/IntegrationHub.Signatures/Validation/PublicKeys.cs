using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// Verifies a signature value over a digest with a certificate's public key, using the platform's RSA and ECDSA
/// (OpenSSL on Linux). Parsed keys are kept per certificate object: the cache of parsed certificates hands out
/// the same object for the same DER, so a signer's key is decoded once.
/// </summary>
public static class PublicKeys
{
    private static readonly ConditionalWeakTable<X509Certificate2, KeyInfo> Keys = new();

    /// <summary>The key's algorithm and strength, for the crypto policy.</summary>
    public sealed record KeyInfo(string Algorithm, int Bits, string? Curve, RSA? Rsa, ECDsa? Ecdsa)
    {
        /// <summary>OpenSSL verify contexts kept for this key (Linux, OpenSSL 3); null elsewhere.</summary>
        internal OpenSslRsaVerifier? OpenSsl { get; init; }
    }

    public static KeyInfo Get(X509Certificate2 certificate) => Keys.GetValue(certificate, Load);

    private static KeyInfo Load(X509Certificate2 certificate)
    {
        if (certificate.GetRSAPublicKey() is { } rsa)
            return new KeyInfo("RSA", rsa.KeySize, null, rsa, null) { OpenSsl = OpenSslRsaVerifier.TryCreate(rsa) };
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            var parameters = ec.ExportParameters(false);
            var curve = parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value;
            return new KeyInfo("ECDSA", ec.KeySize, curve, null, ec);
        }
        return new KeyInfo(certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "UNKNOWN", 0, null, null, null);
    }

    /// <summary>
    /// True when <paramref name="signature"/> verifies over <paramref name="digest"/>. ECDSA values are DER (RFC 3279)
    /// as CMS carries them. Never throws for a wrong value; false instead.
    /// </summary>
    public static bool Verify(X509Certificate2 certificate, SignatureAlgorithm algorithm, HashAlgorithmName digestAlgorithm, byte[] digest, byte[] signature)
    {
        var key = Get(certificate);
        try
        {
            return algorithm.KeyAlgorithm switch
            {
                "RSA" when key.Rsa is not null && algorithm.Padding == "PSS" => VerifyPss(key.Rsa, digestAlgorithm, digest, signature, algorithm.PssSaltLength),
                "RSA" when key.Rsa is not null => key.OpenSsl?.VerifyPkcs1(digestAlgorithm, digest, signature)
                                                  ?? key.Rsa.VerifyHash(digest, signature, digestAlgorithm, RSASignaturePadding.Pkcs1),
                "ECDSA" when key.Ecdsa is not null => key.Ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence),
                _ => false,
            };
        }
        catch (CryptographicException) { return false; }
    }

    private static bool VerifyPss(RSA rsa, HashAlgorithmName digestAlgorithm, byte[] digest, byte[] signature, int? saltLength)
    {
        if (saltLength is null || saltLength == digest.Length)
            return rsa.VerifyHash(digest, signature, digestAlgorithm, RSASignaturePadding.Pss);
        // .NET fixes the PSS salt to the digest length; other salts (openssl's "max" default) go through BouncyCastle.
        var p = rsa.ExportParameters(false);
        var publicKey = new RsaKeyParameters(false, new BigInteger(1, p.Modulus), new BigInteger(1, p.Exponent));
        Org.BouncyCastle.Crypto.IDigest Digest() => digestAlgorithm.Name switch
        {
            "SHA256" => new Sha256Digest(),
            "SHA384" => new Sha384Digest(),
            "SHA512" => new Sha512Digest(),
            "SHA1" => new Sha1Digest(),
            _ => throw new CryptographicException($"PSS with {digestAlgorithm.Name} and a salt of {saltLength} bytes is not supported."),
        };
        var signer = PssSigner.CreateRawSigner(new RsaEngine(), Digest(), Digest(), saltLength.Value, PssSigner.TrailerImplicit);
        signer.Init(false, publicKey);
        signer.BlockUpdate(digest, 0, digest.Length);
        return signer.VerifySignature(signature);
    }
}
