using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>DER writing of the CAdES pieces: signed attributes, algorithm identifiers and the SignedData itself.</summary>
internal static class CmsWriter
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The DER SET OF signed attributes (tag 0x31), as it is hashed and signed.</summary>
    public static byte[] SignedAttributes(byte[] contentDigest, HashAlgorithmName digestAlgorithm, X509Certificate2 signer, DateTimeOffset? signingTime)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            Attribute(writer, CmsOids.ContentTypeAttr, w => w.WriteObjectIdentifier(CmsOids.Data));
            if (signingTime is { } time)
                Attribute(writer, CmsOids.SigningTimeAttr, w =>
                {
                    // RFC 5652: UTCTime for 1950..2049, GeneralizedTime otherwise.
                    if (time.Year is >= 1950 and < 2050) w.WriteUtcTime(time.ToUniversalTime());
                    else w.WriteGeneralizedTime(time.ToUniversalTime(), omitFractionalSeconds: true);
                });
            Attribute(writer, CmsOids.MessageDigestAttr, w => w.WriteOctetString(contentDigest));
            Attribute(writer, CmsOids.SigningCertificateV2Attr, w => SigningCertificateV2(w, signer));
        }
        return writer.Encode();
    }

    private static void Attribute(AsnWriter writer, string oid, Action<AsnWriter> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf()) value(writer);
        }
    }

    /// <summary>SigningCertificateV2 with one ESSCertIDv2: SHA-256 (the default, so omitted), cert hash, issuer and serial.</summary>
    private static void SigningCertificateV2(AsnWriter writer, X509Certificate2 signer)
    {
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(signer.RawData));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                    writer.WriteEncodedValue(signer.IssuerName.RawData);
                writer.WriteIntegerUnsigned(signer.SerialNumberBytes.Span);
            }
        }
    }

    public static void DigestAlgorithm(AsnWriter writer, HashAlgorithmName digest)
    {
        using (writer.PushSequence()) writer.WriteObjectIdentifier(CmsOids.DigestOid(digest));
    }

    public static void SignatureAlgorithm(AsnWriter writer, SignatureAlgorithm algorithm, HashAlgorithmName digest)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(algorithm.Oid);
            if (algorithm.Padding == "PSS")
            {
                using (writer.PushSequence())
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true))) DigestAlgorithm(writer, digest);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(CmsOids.Mgf1);
                        DigestAlgorithm(writer, digest);
                    }
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
                        writer.WriteInteger(CmsOids.Hash(digest, []).Length);
                }
            }
            else if (algorithm.KeyAlgorithm == "RSA") writer.WriteNull();
        }
    }

    /// <summary>The DER ContentInfo of a SignedData with one SignerInfo (identified by issuer and serial number).</summary>
    public static byte[] SignedData(CadesState state, SignatureAlgorithm algorithm, X509Certificate2 signer,
        IReadOnlyList<X509Certificate2> chain, byte[] signatureValue, byte[]? timestampToken)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CmsOids.SignedData);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf()) DigestAlgorithm(writer, state.DigestAlgorithm);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(CmsOids.Data);
                    if (state.AttachedContent is { } content)
                        using (writer.PushSequence(Context0)) writer.WriteOctetString(content);
                }
                using (writer.PushSetOf(Context0))
                {
                    writer.WriteEncodedValue(signer.RawData);
                    foreach (var c in chain) if (c.Thumbprint != signer.Thumbprint) writer.WriteEncodedValue(c.RawData);
                }
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(signer.IssuerName.RawData);
                        writer.WriteIntegerUnsigned(signer.SerialNumberBytes.Span);
                    }
                    DigestAlgorithm(writer, state.DigestAlgorithm);
                    var implicitAttributes = (byte[])state.SignedAttributes.Clone();
                    implicitAttributes[0] = 0xA0; // [0] IMPLICIT SET OF Attribute
                    writer.WriteEncodedValue(implicitAttributes);
                    SignatureAlgorithm(writer, algorithm, state.DigestAlgorithm);
                    writer.WriteOctetString(signatureValue);
                    if (timestampToken is not null)
                        using (writer.PushSetOf(Context1))
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(CmsOids.SignatureTimestampAttr);
                            using (writer.PushSetOf()) writer.WriteEncodedValue(timestampToken);
                        }
                }
            }
        }
        return writer.Encode();
    }
}

/// <summary>What Prepare fixed and Complete needs: the exact signed attributes and the content when attached.</summary>
internal sealed record CadesState(byte[] SignedAttributes, HashAlgorithmName DigestAlgorithm, byte[]? AttachedContent);
