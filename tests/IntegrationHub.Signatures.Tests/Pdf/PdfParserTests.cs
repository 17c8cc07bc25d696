using System.Text;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>Hex strings (ISO 32000-1 §7.3.4.3) as the parser reads them: whitespace ignored, an odd last digit padded
/// with 0, strings longer than the reader's 8 KiB window, and clear errors for what is not a hex string.</summary>
public sealed class PdfParserTests
{
    private static PdfString ReadString(string pdf, long at = 0)
    {
        var parser = new PdfParser(new PdfBytes(Encoding.Latin1.GetBytes(pdf)), at);
        return Assert.IsType<PdfString>(parser.ReadObject());
    }

    [Fact]
    public void Whitespace_is_skipped_and_an_odd_last_digit_is_padded_with_zero()
    {
        var s = ReadString("<4 8\r\n6\t5 6C6C6F2>");
        Assert.Equal("Hello "u8.ToArray(), s.Bytes);
        Assert.True(s.IsHex);
        Assert.Equal((0L, 18L), (s.Start, s.End));   // End is just past the ">"
    }

    [Fact]
    public void A_string_longer_than_the_window_is_read_whole_and_its_end_is_located()
    {
        // A 66 KB signature placeholder shape: content, then zeros, starting off a window boundary.
        var content = Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7)).ToArray();
        var hex = Convert.ToHexString(content) + new string('0', 52_000);
        var pdf = new string(' ', 5_000) + "<" + hex + "> endobj";
        var s = ReadString(pdf, 5_000);
        Assert.Equal(content.Concat(new byte[26_000]), s.Bytes);
        Assert.Equal(5_000 + hex.Length + 2, s.End);
        Assert.Equal(pdf.IndexOf('>') + 1, s.End);
    }

    [Fact]
    public void Long_runs_broken_by_whitespace_at_odd_places_pair_their_digits_across_the_breaks()
    {
        // Runs of 33 digits (odd) in mixed case: the run's last digit pairs with the first digit after the break.
        var content = Enumerable.Range(0, 30_000).Select(i => (byte)(i * 13 + 5)).ToArray();
        var hex = Convert.ToHexString(content);
        var wrapped = new StringBuilder();
        for (var i = 0; i < hex.Length; i += 33)
        {
            var run = hex.Substring(i, Math.Min(33, hex.Length - i));
            wrapped.Append(i / 33 % 2 == 0 ? run : run.ToLowerInvariant()).Append(i / 33 % 3 == 0 ? "\r\n" : " ");
        }
        Assert.Equal(content, ReadString("<" + wrapped + ">").Bytes);
    }

    [Fact]
    public void A_bad_digit_inside_a_long_run_is_reported_at_its_offset()
    {
        var pdf = "<" + new string('a', 5_000) + "x" + new string('b', 100) + ">";
        var parser = new PdfParser(new PdfBytes(Encoding.Latin1.GetBytes(pdf)));
        Assert.Contains("bad hex digit at offset 5001", Assert.Throws<PdfSyntaxException>(() => parser.ReadObject()).Message);
    }

    [Theory]
    [InlineData("<48656G>", "bad hex digit at offset 6")]
    [InlineData("<4865", "unterminated hex string")]
    public void Not_a_hex_string_is_a_syntax_error_that_says_why(string pdf, string message)
    {
        var parser = new PdfParser(new PdfBytes(Encoding.Latin1.GetBytes(pdf)));
        Assert.Contains(message, Assert.Throws<PdfSyntaxException>(() => parser.ReadObject()).Message);
    }
}
