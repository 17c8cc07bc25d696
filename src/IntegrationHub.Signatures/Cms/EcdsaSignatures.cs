using System.Formats.Asn1;
using System.Numerics;

namespace IntegrationHub.Signatures.Cms;

/// <summary>ECDSA value encodings: DER SEQUENCE { r, s } (RFC 3279, what CMS carries) and r||s (IEEE P1363).</summary>
public static class EcdsaSignatures
{
    public static byte[] P1363ToDer(ReadOnlySpan<byte> p1363)
    {
        var half = p1363.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(p1363[..half]));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(p1363[half..]));
        }
        return writer.Encode();
    }

    public static byte[] DerToP1363(ReadOnlySpan<byte> der, int fieldBytes)
    {
        var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        var r = seq.ReadInteger();
        var s = seq.ReadInteger();
        var result = new byte[2 * fieldBytes];
        Write(r, result.AsSpan(0, fieldBytes));
        Write(s, result.AsSpan(fieldBytes));
        return result;
    }

    private static void Write(BigInteger value, Span<byte> target)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > target.Length) throw new FormatException("ECDSA integer is larger than the curve.");
        bytes.CopyTo(target[(target.Length - bytes.Length)..]);
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0) i++;
        return value[i..];
    }
}
