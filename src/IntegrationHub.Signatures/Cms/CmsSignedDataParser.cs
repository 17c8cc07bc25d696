using System.Formats.Asn1;

namespace IntegrationHub.Signatures.Cms;

/// <summary>A SignedData taken apart once, keeping slices of the input (no re-encoding except the signed attributes' tag).</summary>
internal sealed record ParsedSignedData(
    string EContentType,
    ReadOnlyMemory<byte>? EContent,
    IReadOnlyList<ReadOnlyMemory<byte>> Certificates,
    IReadOnlyList<byte[]> Crls,
    IReadOnlyList<byte[]> OcspResponses,
    IReadOnlyList<ParsedSignerInfo> SignerInfos);

internal sealed record ParsedSignerInfo(
    ReadOnlyMemory<byte>? IssuerNameDer,
    byte[]? SerialNumber,
    byte[]? SubjectKeyIdentifier,
    string DigestOid,
    byte[]? SignedAttributesDer,
    IReadOnlyList<CmsAttribute> SignedAttributes,
    string SignatureOid,
    ReadOnlyMemory<byte>? SignatureParameters,
    byte[] Signature,
    IReadOnlyList<CmsAttribute> UnsignedAttributes);

/// <summary>One attribute: its type and the encoded values of its SET.</summary>
internal sealed record CmsAttribute(string Oid, IReadOnlyList<ReadOnlyMemory<byte>> Values);

/// <summary>
/// RFC 5652 SignedData parser on System.Formats.Asn1 (BER accepted, since openssl streams indefinite lengths).
/// Throws <see cref="AsnContentException"/> or <see cref="FormatException"/> on malformed input; callers translate.
/// </summary>
internal static class CmsSignedDataParser
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag Context0Primitive = new(TagClass.ContextSpecific, 0);

    public static ParsedSignedData Parse(ReadOnlyMemory<byte> contentInfo)
    {
        var outer = new AsnReader(contentInfo, AsnEncodingRules.BER);
        var ci = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var contentType = ci.ReadObjectIdentifier();
        if (contentType != CmsOids.SignedData) throw new FormatException($"ContentInfo holds {contentType}, not SignedData.");
        var explicitContent = ci.ReadSequence(Context0);
        var sd = explicitContent.ReadSequence();

        sd.ReadInteger(); // version: not needed to read the rest
        sd.ReadSetOf(); // digestAlgorithms: each SignerInfo names its own
        var encap = sd.ReadSequence();
        var eContentType = encap.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? eContent = null;
        if (encap.HasData)
        {
            var wrapper = encap.ReadSequence(Context0);
            eContent = ReadOctets(wrapper);
        }

        var certificates = new List<ReadOnlyMemory<byte>>();
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(Context0))
        {
            var set = sd.ReadSetOf(Context0);
            while (set.HasData)
            {
                var tag = set.PeekTag();
                var encoded = set.ReadEncodedValue();
                // Only X.509 certificates; attribute and other certificates are ignored.
                if (tag.TagClass == TagClass.Universal && tag.TagValue == (int)UniversalTagNumber.Sequence) certificates.Add(encoded);
            }
        }

        var crls = new List<byte[]>();
        var ocsp = new List<byte[]>();
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(Context1))
        {
            var set = sd.ReadSetOf(Context1);
            while (set.HasData)
            {
                var tag = set.PeekTag();
                if (tag.TagClass == TagClass.Universal) { crls.Add(set.ReadEncodedValue().ToArray()); continue; }
                var other = set.ReadSequence(tag);
                var format = other.ReadObjectIdentifier();
                var info = other.ReadEncodedValue();
                if (format == CmsOids.OcspResponseRevInfo) ocsp.Add(info.ToArray());
            }
        }

        var signerInfos = new List<ParsedSignerInfo>();
        var infos = sd.ReadSetOf();
        while (infos.HasData) signerInfos.Add(ReadSignerInfo(infos.ReadSequence()));
        return new ParsedSignedData(eContentType, eContent, certificates, crls, ocsp, signerInfos);
    }

    private static ParsedSignerInfo ReadSignerInfo(AsnReader si)
    {
        si.ReadInteger();
        ReadOnlyMemory<byte>? issuer = null;
        byte[]? serial = null, ski = null;
        if (si.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var ias = si.ReadSequence();
            issuer = ias.ReadEncodedValue();
            serial = ias.ReadIntegerBytes().ToArray();
        }
        else
        {
            ski = si.ReadOctetString(Context0Primitive);
        }

        var (digestOid, _) = ReadAlgorithm(si);
        byte[]? signedAttrsDer = null;
        IReadOnlyList<CmsAttribute> signedAttrs = [];
        if (si.PeekTag().HasSameClassAndValue(Context0))
        {
            var raw = si.PeekEncodedValue();
            // The signature covers the DER SET OF, i.e. the [0] IMPLICIT field with its tag changed to SET (0x31).
            signedAttrsDer = raw.ToArray();
            signedAttrsDer[0] = 0x31;
            signedAttrs = ReadAttributes(si.ReadSetOf(Context0));
        }

        var (signatureOid, signatureParams) = ReadAlgorithm(si);
        var signature = ReadOctets(si).ToArray();
        IReadOnlyList<CmsAttribute> unsigned = [];
        if (si.HasData && si.PeekTag().HasSameClassAndValue(Context1)) unsigned = ReadAttributes(si.ReadSetOf(Context1));
        return new ParsedSignerInfo(issuer, serial, ski, digestOid, signedAttrsDer, signedAttrs, signatureOid, signatureParams, signature, unsigned);
    }

    internal static (string Oid, ReadOnlyMemory<byte>? Parameters) ReadAlgorithm(AsnReader reader)
    {
        var alg = reader.ReadSequence();
        var oid = alg.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? parameters = null;
        if (alg.HasData)
        {
            var p = alg.ReadEncodedValue();
            if (!(p.Length == 2 && p.Span[0] == 0x05)) parameters = p; // NULL parameters are the same as none
        }
        return (oid, parameters);
    }

    private static IReadOnlyList<CmsAttribute> ReadAttributes(AsnReader set)
    {
        var result = new List<CmsAttribute>();
        while (set.HasData)
        {
            var attr = set.ReadSequence();
            var oid = attr.ReadObjectIdentifier();
            var values = new List<ReadOnlyMemory<byte>>();
            var valueSet = attr.ReadSetOf();
            while (valueSet.HasData) values.Add(valueSet.ReadEncodedValue());
            result.Add(new CmsAttribute(oid, values));
        }
        return result;
    }

    /// <summary>An OCTET STRING without copying when it is primitive; BER constructed strings are joined.</summary>
    private static ReadOnlyMemory<byte> ReadOctets(AsnReader reader)
    {
        if (reader.TryReadPrimitiveOctetString(out var value)) return value;
        return reader.ReadOctetString();
    }
}
