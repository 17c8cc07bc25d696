using System.Security.Cryptography;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>A ds:SignatureMethod: its hash and public-key algorithm (with the OID the policy judges).</summary>
internal sealed record XmlSignatureMethod(string Uri, HashAlgorithmName Hash, SignatureAlgorithm Algorithm);

/// <summary>
/// The algorithm URIs the hub reads and writes. SHA-1 and MD5 are read on purpose: the crypto policy, not the
/// parser, rejects them (CRYPTO_CONSTRAINTS_FAILURE).
/// </summary>
internal static class XmlAlgorithms
{
    private const string More = "http://www.w3.org/2001/04/xmldsig-more#";
    private const string More2007 = "http://www.w3.org/2007/05/xmldsig-more#";
    private const string More2021 = "http://www.w3.org/2021/04/xmldsig-more#";
    private const string PssOid = "1.2.840.113549.1.1.10";

    private static readonly XmlSignatureMethod[] SignatureMethods =
    [
        new("http://www.w3.org/2000/09/xmldsig#rsa-sha1", HashAlgorithmName.SHA1, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.5")),
        new(More + "rsa-md5", HashAlgorithmName.MD5, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.4")),
        new(More + "rsa-sha256", HashAlgorithmName.SHA256, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11")),
        new(More + "rsa-sha384", HashAlgorithmName.SHA384, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.12")),
        new(More + "rsa-sha512", HashAlgorithmName.SHA512, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.13")),
        new(More2021 + "rsa-sha3-256", HashAlgorithmName.SHA3_256, SignatureAlgorithm.RsaPkcs1("2.16.840.1.101.3.4.3.14")),
        new(More2021 + "rsa-sha3-384", HashAlgorithmName.SHA3_384, SignatureAlgorithm.RsaPkcs1("2.16.840.1.101.3.4.3.15")),
        new(More2021 + "rsa-sha3-512", HashAlgorithmName.SHA3_512, SignatureAlgorithm.RsaPkcs1("2.16.840.1.101.3.4.3.16")),
        new(More2007 + "sha256-rsa-MGF1", HashAlgorithmName.SHA256, SignatureAlgorithm.RsaPss(PssOid)),
        new(More2007 + "sha384-rsa-MGF1", HashAlgorithmName.SHA384, SignatureAlgorithm.RsaPss(PssOid)),
        new(More2007 + "sha512-rsa-MGF1", HashAlgorithmName.SHA512, SignatureAlgorithm.RsaPss(PssOid)),
        new(More2007 + "sha3-256-rsa-MGF1", HashAlgorithmName.SHA3_256, SignatureAlgorithm.RsaPss(PssOid)),
        new(More2007 + "sha3-384-rsa-MGF1", HashAlgorithmName.SHA3_384, SignatureAlgorithm.RsaPss(PssOid)),
        new(More2007 + "sha3-512-rsa-MGF1", HashAlgorithmName.SHA3_512, SignatureAlgorithm.RsaPss(PssOid)),
        new(More + "ecdsa-sha1", HashAlgorithmName.SHA1, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.1")),
        new(More + "ecdsa-sha256", HashAlgorithmName.SHA256, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.2")),
        new(More + "ecdsa-sha384", HashAlgorithmName.SHA384, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.3")),
        new(More + "ecdsa-sha512", HashAlgorithmName.SHA512, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.4")),
        new(More2021 + "ecdsa-sha3-256", HashAlgorithmName.SHA3_256, SignatureAlgorithm.Ecdsa("2.16.840.1.101.3.4.3.10")),
        new(More2021 + "ecdsa-sha3-384", HashAlgorithmName.SHA3_384, SignatureAlgorithm.Ecdsa("2.16.840.1.101.3.4.3.11")),
        new(More2021 + "ecdsa-sha3-512", HashAlgorithmName.SHA3_512, SignatureAlgorithm.Ecdsa("2.16.840.1.101.3.4.3.12")),
    ];

    private static readonly (string Uri, HashAlgorithmName Hash)[] DigestMethods =
    [
        ("http://www.w3.org/2000/09/xmldsig#sha1", HashAlgorithmName.SHA1),
        (More + "md5", HashAlgorithmName.MD5),
        ("http://www.w3.org/2001/04/xmlenc#sha256", HashAlgorithmName.SHA256),
        (More + "sha384", HashAlgorithmName.SHA384),
        ("http://www.w3.org/2001/04/xmlenc#sha512", HashAlgorithmName.SHA512),
        (More2007 + "sha3-256", HashAlgorithmName.SHA3_256),
        (More2007 + "sha3-384", HashAlgorithmName.SHA3_384),
        (More2007 + "sha3-512", HashAlgorithmName.SHA3_512),
    ];

    public static XmlSignatureMethod? FindSignatureMethod(string? uri) =>
        SignatureMethods.FirstOrDefault(m => m.Uri == uri);

    public static XmlSignatureMethod SignatureMethodFor(string keyAlgorithm, HashAlgorithmName hash, bool pss) =>
        SignatureMethods.FirstOrDefault(m => m.Algorithm.KeyAlgorithm == keyAlgorithm && m.Hash == hash
                                             && (keyAlgorithm != "RSA" || (m.Algorithm.Padding == "PSS") == pss))
        ?? throw new NotSupportedException($"No XML signature method for {keyAlgorithm}{(pss ? "-PSS" : "")} with {hash.Name}.");

    public static HashAlgorithmName? FindDigestMethod(string? uri) =>
        DigestMethods.FirstOrDefault(d => d.Uri == uri) is { Uri: not null } found ? found.Hash : null;

    public static string DigestUriFor(HashAlgorithmName hash) =>
        DigestMethods.FirstOrDefault(d => d.Hash == hash).Uri
        ?? throw new NotSupportedException($"No XML digest method for {hash.Name}.");

    public static byte[] Hash(HashAlgorithmName hash, byte[] data)
    {
        if (hash == HashAlgorithmName.MD5)
            return MD5.HashData(data); // read only so the policy can reject it
        return CryptographicOperations.HashData(hash, data);
    }

    public static byte[] Hash(HashAlgorithmName hash, Stream data) =>
        hash == HashAlgorithmName.MD5 ? MD5.HashData(data) : CryptographicOperations.HashData(hash, data);
}
