using System.Formats.Asn1;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;

namespace IntegrationHub.Signatures.Creation.Pkcs11;

/// <summary>
/// What goes into the token and what comes out, so the value is the one <see cref="LocalSigner.SignDigest"/> would make:
/// CKM_RSA_PKCS signs a DigestInfo (the token only pads), CKM_RSA_PKCS_PSS and CKM_ECDSA sign the bare digest,
/// and CKM_ECDSA answers r||s where CMS and XML-DSig helpers take a DER SEQUENCE { r, s } (RFC 3279).
/// </summary>
public static class Pkcs11SignatureValues
{
    /// <summary>DER DigestInfo ::= SEQUENCE { SEQUENCE { digest OID, NULL }, OCTET STRING digest } (RFC 8017 9.2).</summary>
    public static byte[] DigestInfo(HashAlgorithmName algorithm, byte[] digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(DigestOid(algorithm));
                writer.WriteNull();
            }
            writer.WriteOctetString(digest);
        }
        return writer.Encode();
    }

    /// <summary>The PKCS#11 hash and MGF1 constants of a digest algorithm, for CK_RSA_PKCS_PSS_PARAMS.</summary>
    public static (CKM Hash, CKG Mgf) PssParameters(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA256" => (CKM.CKM_SHA256, CKG.CKG_MGF1_SHA256),
        "SHA384" => (CKM.CKM_SHA384, CKG.CKG_MGF1_SHA384),
        "SHA512" => (CKM.CKM_SHA512, CKG.CKG_MGF1_SHA512),
        _ => throw new NotSupportedException($"RSA-PSS with {algorithm.Name} is not supported."),
    };

    /// <summary>r||s (each half the length) as DER SEQUENCE { INTEGER r, INTEGER s }.</summary>
    public static byte[] EcdsaToDer(byte[] rs)
    {
        if (rs.Length == 0 || rs.Length % 2 != 0) throw new Pkcs11KeyException(Pkcs11KeyFailure.Device, $"The token returned an ECDSA value of {rs.Length} bytes, not r||s.");
        var half = rs.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(rs.AsSpan(0, half)));
            writer.WriteIntegerUnsigned(Minimal(rs.AsSpan(half)));
        }
        return writer.Encode();
    }

    // DER wants no redundant leading zero bytes; the token pads r and s to the field size.
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0) start++;
        return value[start..];
    }

    private static string DigestOid(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA256" => "2.16.840.1.101.3.4.2.1",
        "SHA384" => "2.16.840.1.101.3.4.2.2",
        "SHA512" => "2.16.840.1.101.3.4.2.3",
        "SHA1" => "1.3.14.3.2.26",
        _ => throw new NotSupportedException($"RSA PKCS#1 v1.5 with {algorithm.Name} is not supported."),
    };
}
