using System.Formats.Asn1;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>Decoders for the CAdES/ESS attribute values the reader looks at.</summary>
internal static class CmsAttributeValues
{
    public static CmsAttribute? Find(IReadOnlyList<CmsAttribute> attributes, string oid)
    {
        foreach (var a in attributes) if (a.Oid == oid) return a;
        return null;
    }

    public static byte[] OctetString(ReadOnlyMemory<byte> encoded)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.BER);
        return reader.ReadOctetString();
    }

    public static string ObjectIdentifier(ReadOnlyMemory<byte> encoded) =>
        new AsnReader(encoded, AsnEncodingRules.BER).ReadObjectIdentifier();

    /// <summary>signing-time: UTCTime or GeneralizedTime.</summary>
    public static DateTimeOffset Time(ReadOnlyMemory<byte> encoded)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.BER);
        var tag = reader.PeekTag();
        return tag.HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
    }

    /// <summary>
    /// The first ESSCertIDv2 of signing-certificate-v2 (hash algorithm defaults to SHA-256), or the first ESSCertID
    /// of signing-certificate (always SHA-1).
    /// </summary>
    public static CertificateDigest SigningCertificate(ReadOnlyMemory<byte> encoded, bool v2)
    {
        var reader = new AsnReader(encoded, AsnEncodingRules.BER);
        var signingCertificate = reader.ReadSequence();
        var certs = signingCertificate.ReadSequence();
        var id = certs.ReadSequence();
        var algorithm = HashAlgorithmName.SHA1;
        if (v2)
        {
            algorithm = HashAlgorithmName.SHA256;
            if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var (oid, _) = CmsSignedDataParser.ReadAlgorithm(id);
                algorithm = CmsOids.DigestFromOid(oid) ?? throw new FormatException($"Unknown digest {oid} in signing-certificate-v2.");
            }
        }
        var hash = id.ReadOctetString();
        byte[]? issuerSerial = id.HasData ? id.ReadEncodedValue().ToArray() : null;
        return new CertificateDigest(algorithm, hash, issuerSerial);
    }
}
