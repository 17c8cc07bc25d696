using System.Text;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// PdfBytes, the 8 KB window the PDF reader sees a file through: every byte reads right wherever the window sits,
/// edges of the file read as "outside", and a search never looks past its limit.
/// </summary>
public sealed class PdfBytesMutationTests
{
    // Byte i is i mod 251, so every position's value is known and windows cannot be confused.
    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

    [Fact]
    public void Every_byte_reads_right_in_any_order_across_window_edges()
    {
        var data = Pattern(40_000);
        var bytes = new PdfBytes(data);
        var positions = new long[] { 0, 39_999, 8191, 8192, 8193, 7680, 7679, 20_000, 511, 512, 1, 16_383, 16_384, 39_000, 0 };

        foreach (var p in positions)
            Assert.Equal(data[p], bytes.At(p));
        for (long p = 39_999; p >= 0; p -= 97)
            Assert.Equal(data[p], bytes.At(p));
        for (long p = 0; p < data.Length; p += 89)
            Assert.Equal(data[p], bytes.At(p));
    }

    [Fact]
    public void Outside_the_file_is_minus_one_and_an_empty_window()
    {
        var bytes = new PdfBytes(Pattern(100));

        Assert.Equal(100, bytes.Length);
        Assert.Equal(-1, bytes.At(-1));
        Assert.Equal(-1, bytes.At(100));
        Assert.Equal(99 % 251, bytes.At(99));
        Assert.True(bytes.WindowFrom(-1).IsEmpty);
        Assert.True(bytes.WindowFrom(100).IsEmpty);
    }

    [Fact]
    public void The_window_runs_from_the_position_to_its_end()
    {
        var data = Pattern(40_000);
        var bytes = new PdfBytes(data);

        // A fill keeps 512 bytes before the position, so the window of 8 KB reaches 8192 - 512 past it.
        var window = bytes.WindowFrom(10_000);
        Assert.Equal(8192 - 512, window.Length);
        Assert.Equal(data.AsSpan(10_000, window.Length).ToArray(), window.ToArray());

        // Inside the loaded window: no refill, the rest of the same window.
        var later = bytes.WindowFrom(10_100);
        Assert.Equal(8192 - 512 - 100, later.Length);
        Assert.Equal(data[10_100], later[0]);

        // Near the start the window cannot reach back 512 bytes.
        var start = bytes.WindowFrom(100);
        Assert.Equal(8192 - 100, start.Length);
        Assert.Equal(data[100], start[0]);

        // Near the end it stops at the file's last byte.
        var tail = bytes.WindowFrom(39_990);
        Assert.Equal(10, tail.Length);
        Assert.Equal(data[39_999], tail[^1]);
    }

    [Fact]
    public void A_stream_that_returns_a_few_bytes_per_read_still_fills_the_window()
    {
        var data = Pattern(20_000);
        var bytes = new PdfBytes(new TrickleStream(data, 7));

        Assert.Equal(8192 - 512, bytes.WindowFrom(5_000).Length);
        for (long p = 0; p < data.Length; p += 333)
            Assert.Equal(data[p], bytes.At(p));
    }

    [Fact]
    public void Read_clamps_to_the_file_and_refuses_positions_outside()
    {
        var data = Pattern(1000);
        var bytes = new PdfBytes(data);

        Assert.Equal(data[10..20], bytes.Read(10, 10));
        Assert.Equal(data[990..], bytes.Read(990, 100));
        Assert.Empty(bytes.Read(1000, 5));
        Assert.Empty(bytes.Read(1001, 5));
        Assert.Empty(bytes.Read(-1, 5));
        Assert.Equal(data, bytes.Read(0, 1000));
    }

    [Fact]
    public void IndexOf_finds_the_first_match_at_or_after_from_within_the_limit()
    {
        var data = Encoding.ASCII.GetBytes("xref..xref..%%EOF");
        var bytes = new PdfBytes(data);

        Assert.Equal(0, bytes.IndexOf("xref"u8, 0, 100));
        Assert.Equal(6, bytes.IndexOf("xref"u8, 1, 100));
        Assert.Equal(6, bytes.IndexOf("xref"u8, 6, 100));
        Assert.Equal(-1, bytes.IndexOf("xref"u8, 7, 100));
        Assert.Equal(12, bytes.IndexOf("%%EOF"u8, -5, 100));         // a negative start is the file's start
        Assert.Equal(12, bytes.IndexOf("%%EOF"u8, 12, 5));           // exactly fits the limit
        Assert.Equal(-1, bytes.IndexOf("%%EOF"u8, 12, 4));           // one byte short
        Assert.Equal(-1, bytes.IndexOf("xref"u8, 1, 8));             // the second xref ends at 10, past 1 + 8
        Assert.Equal(6, bytes.IndexOf("xref"u8, 1, 9));
        Assert.Equal(-1, bytes.IndexOf("xrefx"u8, 0, 100));          // a partial match is not a match
        Assert.Equal(-1, bytes.IndexOf("%%EOF!"u8, 0, 100));         // runs off the end
    }

    [Fact]
    public void IndexOf_finds_a_needle_that_straddles_two_windows()
    {
        var data = new byte[30_000];
        "%%EOF"u8.CopyTo(data.AsSpan(8190));
        var bytes = new PdfBytes(data);

        Assert.Equal(8190, bytes.IndexOf("%%EOF"u8, 0, data.Length));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PdfBytes(new TrickleStream([1, 2, 3], 1, canSeek: false)));
        Assert.Equal("stream", e.ParamName);
        Assert.StartsWith("The PDF stream must be seekable.", e.Message);
    }

    private sealed class TrickleStream(byte[] data, int perRead, bool canSeek = true) : MemoryStream(data)
    {
        public override bool CanSeek => canSeek;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, perRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, perRead)]);
    }
}
