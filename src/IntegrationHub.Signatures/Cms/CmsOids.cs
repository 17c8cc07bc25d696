using System.Security.Cryptography;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>The object identifiers CMS/CAdES uses, and their mapping to .NET algorithm names.</summary>
public static class CmsOids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";

    public const string ContentTypeAttr = "1.2.840.113549.1.9.3";
    public const string MessageDigestAttr = "1.2.840.113549.1.9.4";
    public const string SigningTimeAttr = "1.2.840.113549.1.9.5";
    public const string SigningCertificateAttr = "1.2.840.113549.1.9.16.2.12";
    public const string SigningCertificateV2Attr = "1.2.840.113549.1.9.16.2.47";
    public const string SignatureTimestampAttr = "1.2.840.113549.1.9.16.2.14";
    public const string OcspResponseRevInfo = "1.3.6.1.5.5.7.16.2";
    /// <summary>CAdES archive-time-stamp-v3 (EN 319 122-1 5.5.3), an unsigned attribute of the signature.</summary>
    public const string ArchiveTimestampV3Attr = "0.4.0.1733.2.4";
    /// <summary>ats-hash-index-v3 (EN 319 122-1 5.5.2), an unsigned attribute of the archive timestamp token.</summary>
    public const string AtsHashIndexV3Attr = "0.4.0.19122.1.5";

    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string Mgf1 = "1.2.840.113549.1.1.8";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    private static readonly Dictionary<string, HashAlgorithmName> DigestByOid = new()
    {
        ["1.2.840.113549.2.5"] = HashAlgorithmName.MD5,
        ["1.3.14.3.2.26"] = HashAlgorithmName.SHA1,
        ["2.16.840.1.101.3.4.2.1"] = HashAlgorithmName.SHA256,
        ["2.16.840.1.101.3.4.2.2"] = HashAlgorithmName.SHA384,
        ["2.16.840.1.101.3.4.2.3"] = HashAlgorithmName.SHA512,
        ["2.16.840.1.101.3.4.2.8"] = HashAlgorithmName.SHA3_256,
        ["2.16.840.1.101.3.4.2.9"] = HashAlgorithmName.SHA3_384,
        ["2.16.840.1.101.3.4.2.10"] = HashAlgorithmName.SHA3_512,
    };

    /// <summary>Signature algorithm OIDs: key algorithm, padding, and the digest the OID implies (null when the OID names none).</summary>
    private static readonly Dictionary<string, (string Key, string? Padding, HashAlgorithmName? Digest)> SignatureByOid = new()
    {
        [RsaEncryption] = ("RSA", "PKCS1", null),
        ["1.2.840.113549.1.1.4"] = ("RSA", "PKCS1", HashAlgorithmName.MD5),
        ["1.2.840.113549.1.1.5"] = ("RSA", "PKCS1", HashAlgorithmName.SHA1),
        ["1.2.840.113549.1.1.11"] = ("RSA", "PKCS1", HashAlgorithmName.SHA256),
        ["1.2.840.113549.1.1.12"] = ("RSA", "PKCS1", HashAlgorithmName.SHA384),
        ["1.2.840.113549.1.1.13"] = ("RSA", "PKCS1", HashAlgorithmName.SHA512),
        ["2.16.840.1.101.3.4.3.14"] = ("RSA", "PKCS1", HashAlgorithmName.SHA3_256),
        ["2.16.840.1.101.3.4.3.15"] = ("RSA", "PKCS1", HashAlgorithmName.SHA3_384),
        ["2.16.840.1.101.3.4.3.16"] = ("RSA", "PKCS1", HashAlgorithmName.SHA3_512),
        [RsaPss] = ("RSA", "PSS", null),
        [EcPublicKey] = ("ECDSA", null, null),
        ["1.2.840.10045.4.1"] = ("ECDSA", null, HashAlgorithmName.SHA1),
        ["1.2.840.10045.4.3.2"] = ("ECDSA", null, HashAlgorithmName.SHA256),
        ["1.2.840.10045.4.3.3"] = ("ECDSA", null, HashAlgorithmName.SHA384),
        ["1.2.840.10045.4.3.4"] = ("ECDSA", null, HashAlgorithmName.SHA512),
        ["2.16.840.1.101.3.4.3.10"] = ("ECDSA", null, HashAlgorithmName.SHA3_256),
        ["2.16.840.1.101.3.4.3.11"] = ("ECDSA", null, HashAlgorithmName.SHA3_384),
        ["2.16.840.1.101.3.4.3.12"] = ("ECDSA", null, HashAlgorithmName.SHA3_512),
    };

    public static HashAlgorithmName? DigestFromOid(string oid) => DigestByOid.TryGetValue(oid, out var name) ? name : null;

    public static string DigestOid(HashAlgorithmName name)
    {
        foreach (var (oid, value) in DigestByOid) if (value == name) return oid;
        throw new ArgumentException($"Unsupported digest algorithm {name.Name}.", nameof(name));
    }

    /// <summary>Maps a SignerInfo signatureAlgorithm OID; null when unknown.</summary>
    public static SignatureAlgorithm? SignatureFromOid(string oid, out HashAlgorithmName? impliedDigest)
    {
        impliedDigest = null;
        if (!SignatureByOid.TryGetValue(oid, out var entry)) return null;
        impliedDigest = entry.Digest;
        return new SignatureAlgorithm(entry.Key, entry.Padding, oid);
    }

    /// <summary>The OID CadesSigner writes for a key algorithm and digest (PSS is written with its parameters elsewhere).</summary>
    public static string SignatureOid(string keyAlgorithm, HashAlgorithmName digest)
    {
        foreach (var (oid, entry) in SignatureByOid)
            if (entry.Key == keyAlgorithm && entry.Padding != "PSS" && entry.Digest == digest) return oid;
        throw new ArgumentException($"No signature algorithm for {keyAlgorithm} with {digest.Name}.");
    }

    /// <summary>Hashes bytes; MD5 and SHA-1 are computed so the policy can name them, not to trust them.</summary>
    public static byte[] Hash(HashAlgorithmName name, ReadOnlySpan<byte> data)
    {
        if (name == HashAlgorithmName.SHA256) return SHA256.HashData(data);
        if (name == HashAlgorithmName.SHA384) return SHA384.HashData(data);
        if (name == HashAlgorithmName.SHA512) return SHA512.HashData(data);
        if (name == HashAlgorithmName.SHA1) return SHA1.HashData(data);
        if (name == HashAlgorithmName.MD5) return MD5.HashData(data);
        if (name == HashAlgorithmName.SHA3_256) return SHA3_256.HashData(data);
        if (name == HashAlgorithmName.SHA3_384) return SHA3_384.HashData(data);
        if (name == HashAlgorithmName.SHA3_512) return SHA3_512.HashData(data);
        throw new CryptographicException($"Unsupported digest algorithm {name.Name}.");
    }

    /// <summary>Streams a seekable or forward-only stream through the hash (bounded memory for large files).</summary>
    public static byte[] Hash(HashAlgorithmName name, Stream data)
    {
        if (data.CanSeek) data.Position = 0;
        using var hash = IncrementalHash.CreateHash(name);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = data.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        return hash.GetHashAndReset();
    }
}
