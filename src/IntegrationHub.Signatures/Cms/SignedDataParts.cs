using System.Formats.Asn1;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// A SignedData kept as the encoded slices of its fields, for what must be hashed field by field (CAdES
/// archive-time-stamp-v3) or rewritten with fields added (B-LT values, unsigned attributes). Everything not changed
/// is written back byte for byte, so the signature and the message digest still verify.
/// </summary>
internal sealed class SignedDataParts
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public int Version { get; set; }
    public required ReadOnlyMemory<byte> DigestAlgorithms { get; init; }
    public required ReadOnlyMemory<byte> EncapContentInfo { get; init; }
    /// <summary>DER of the eContentType OBJECT IDENTIFIER (tag and length included).</summary>
    public required ReadOnlyMemory<byte> EContentTypeDer { get; init; }
    /// <summary>The eContent octets when the content is attached.</summary>
    public ReadOnlyMemory<byte>? EContent { get; init; }
    /// <summary>Each CertificateChoices element as encoded.</summary>
    public List<ReadOnlyMemory<byte>> Certificates { get; } = [];
    /// <summary>Each RevocationInfoChoice element as encoded (a CRL, or [1] OtherRevocationInfoFormat).</summary>
    public List<ReadOnlyMemory<byte>> Crls { get; } = [];
    public List<SignerInfoParts> SignerInfos { get; } = [];

    public static SignedDataParts Parse(ReadOnlyMemory<byte> contentInfo)
    {
        var outer = new AsnReader(contentInfo, AsnEncodingRules.BER);
        var ci = outer.ReadSequence();
        if (ci.ReadObjectIdentifier() != CmsOids.SignedData) throw new FormatException("The ContentInfo does not hold SignedData.");
        var sd = ci.ReadSequence(Context0).ReadSequence();
        var version = (int)sd.ReadInteger();
        var digestAlgorithms = sd.ReadEncodedValue();
        var encap = sd.ReadEncodedValue();
        var encapReader = new AsnReader(encap, AsnEncodingRules.BER).ReadSequence();
        var typeDer = encapReader.ReadEncodedValue();
        ReadOnlyMemory<byte>? content = null;
        if (encapReader.HasData)
        {
            var wrapper = encapReader.ReadSequence(Context0);
            content = wrapper.TryReadPrimitiveOctetString(out var octets) ? octets : wrapper.ReadOctetString();
        }
        var parts = new SignedDataParts { Version = version, DigestAlgorithms = digestAlgorithms, EncapContentInfo = encap, EContentTypeDer = typeDer, EContent = content };
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(Context0))
        {
            var set = sd.ReadSetOf(Context0);
            while (set.HasData) parts.Certificates.Add(set.ReadEncodedValue());
        }
        if (sd.HasData && sd.PeekTag().HasSameClassAndValue(Context1))
        {
            var set = sd.ReadSetOf(Context1);
            while (set.HasData) parts.Crls.Add(set.ReadEncodedValue());
        }
        var infos = sd.ReadSetOf();
        while (infos.HasData) parts.SignerInfos.Add(SignerInfoParts.Parse(infos.ReadEncodedValue()));
        return parts;
    }

    /// <summary>The ContentInfo again. BER rules for the writer: sets keep their order and BER slices are accepted as they are.</summary>
    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CmsOids.SignedData);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(Version);
                writer.WriteEncodedValue(DigestAlgorithms.Span);
                writer.WriteEncodedValue(EncapContentInfo.Span);
                if (Certificates.Count > 0)
                    using (writer.PushSetOf(Context0)) foreach (var c in Certificates) writer.WriteEncodedValue(c.Span);
                if (Crls.Count > 0)
                    using (writer.PushSetOf(Context1)) foreach (var c in Crls) writer.WriteEncodedValue(c.Span);
                using (writer.PushSetOf()) foreach (var si in SignerInfos) si.Write(writer);
            }
        }
        return writer.Encode();
    }

    /// <summary>An OCSP response as a RevocationInfoChoice: [1] OtherRevocationInfoFormat { id-ri-ocsp-response, OCSPResponse }.</summary>
    public static byte[] OcspRevocationInfo(byte[] ocspResponse)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence(Context1))
        {
            writer.WriteObjectIdentifier(CmsOids.OcspResponseRevInfo);
            writer.WriteEncodedValue(ocspResponse);
        }
        return writer.Encode();
    }
}

/// <summary>One SignerInfo as encoded slices; the unsigned attributes are the part augmentation changes.</summary>
internal sealed class SignerInfoParts
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>version, sid, digestAlgorithm, signedAttrs (when present), signatureAlgorithm, signature, as they appear.</summary>
    public required List<ReadOnlyMemory<byte>> SignedFields { get; init; }
    /// <summary>The signature value's octets.</summary>
    public required ReadOnlyMemory<byte> Signature { get; init; }
    /// <summary>Each unsigned Attribute as encoded.</summary>
    public List<ReadOnlyMemory<byte>> UnsignedAttributes { get; } = [];

    public static SignerInfoParts Parse(ReadOnlyMemory<byte> encoded)
    {
        var si = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
        var fields = new List<ReadOnlyMemory<byte>> { si.ReadEncodedValue(), si.ReadEncodedValue(), si.ReadEncodedValue() };
        if (si.PeekTag().HasSameClassAndValue(Context0)) fields.Add(si.ReadEncodedValue());
        fields.Add(si.ReadEncodedValue());
        var signatureDer = si.ReadEncodedValue();
        fields.Add(signatureDer);
        var signatureReader = new AsnReader(signatureDer, AsnEncodingRules.BER);
        var signature = signatureReader.TryReadPrimitiveOctetString(out var octets) ? octets : signatureReader.ReadOctetString();
        var parts = new SignerInfoParts { SignedFields = fields, Signature = signature };
        if (si.HasData && si.PeekTag().HasSameClassAndValue(Context1))
        {
            var set = si.ReadSetOf(Context1);
            while (set.HasData) parts.UnsignedAttributes.Add(set.ReadEncodedValue());
        }
        return parts;
    }

    public void Write(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            foreach (var field in SignedFields) writer.WriteEncodedValue(field.Span);
            if (UnsignedAttributes.Count > 0)
                using (writer.PushSetOf(Context1)) foreach (var a in UnsignedAttributes) writer.WriteEncodedValue(a.Span);
        }
    }

    /// <summary>An Attribute { type, SET { value } }.</summary>
    public static byte[] Attribute(string oid, ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf()) writer.WriteEncodedValue(value);
        }
        return writer.Encode();
    }

    /// <summary>The type (encoded OID) and encoded values of one unsigned attribute.</summary>
    public static (ReadOnlyMemory<byte> TypeDer, string Oid, List<ReadOnlyMemory<byte>> Values) ReadAttribute(ReadOnlyMemory<byte> encoded)
    {
        var attribute = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
        var typeDer = attribute.ReadEncodedValue();
        var oid = new AsnReader(typeDer, AsnEncodingRules.BER).ReadObjectIdentifier();
        var values = new List<ReadOnlyMemory<byte>>();
        var set = attribute.ReadSetOf();
        while (set.HasData) values.Add(set.ReadEncodedValue());
        return (typeDer, oid, values);
    }
}
