using System.Formats.Asn1;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>One signature dictionary of a PDF as found in its raw bytes, without the hub's parser.</summary>
public sealed record RawSignature(long[] ByteRange, byte[] Contents, bool IsDocumentTimestamp)
{
    /// <summary>The two ranges the /ByteRange covers, concatenated.</summary>
    public byte[] Covered(byte[] pdf) => [.. pdf.AsSpan(0, (int)ByteRange[1]), .. pdf.AsSpan((int)ByteRange[2], (int)ByteRange[3])];
}

/// <summary>
/// Finds signatures by scanning the bytes for /ByteRange arrays (our writers put /Type and /SubFilter in the same
/// dictionary just before it): the /Contents is the gap between the two ranges, cut to its DER length.
/// </summary>
public static partial class LongTermPdfParts
{
    public static List<RawSignature> Signatures(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var result = new List<RawSignature>();
        foreach (Match m in ByteRangePattern().Matches(text))
        {
            long[] r = [.. Enumerable.Range(1, 4).Select(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture))];
            var hex = text.Substring((int)r[1] + 1, (int)(r[2] - r[1] - 2));
            var der = Convert.FromHexString(hex);
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.BER, out _, out _, out var length);
            var dictionaryStart = text.LastIndexOf(" obj", m.Index, StringComparison.Ordinal);
            var isTimestamp = text[dictionaryStart..m.Index].Contains("/ETSI.RFC3161", StringComparison.Ordinal);
            result.Add(new RawSignature(r, der[..length], isTimestamp));
        }
        return result;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangePattern();
}
