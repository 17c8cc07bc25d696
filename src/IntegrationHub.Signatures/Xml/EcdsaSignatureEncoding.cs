using System.Formats.Asn1;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// XML-DSig carries ECDSA values as r||s (each half the field size); CMS, the evidence and most tokens use the
/// DER SEQUENCE { r INTEGER, s INTEGER } of RFC 3279. These convert between the two.
/// </summary>
public static class EcdsaSignatureEncoding
{
    public static byte[] RawToDer(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 0 || raw.Length % 2 != 0)
            throw new FormatException("An r||s ECDSA value must have two halves of equal length.");
        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[..half]));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[half..]));
        }
        return writer.Encode();
    }

    public static byte[] DerToRaw(ReadOnlySpan<byte> der, int fieldSizeBytes)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var r = sequence.ReadIntegerBytes().Span;
            var s = sequence.ReadIntegerBytes().Span;
            sequence.ThrowIfNotEmpty();
            var raw = new byte[2 * fieldSizeBytes];
            Place(r, raw.AsSpan(0, fieldSizeBytes));
            Place(s, raw.AsSpan(fieldSizeBytes));
            return raw;
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The ECDSA value is not a DER SEQUENCE of two INTEGERs.", e);
        }
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
            i++;
        return value[i..];
    }

    private static void Place(ReadOnlySpan<byte> integer, Span<byte> target)
    {
        var value = TrimLeadingZeros(integer);
        if (value.Length > target.Length || (value.Length > 0 && (sbyte)integer[0] < 0))
            throw new FormatException("An ECDSA integer does not fit the curve's field size.");
        value.CopyTo(target[(target.Length - value.Length)..]);
    }
}
