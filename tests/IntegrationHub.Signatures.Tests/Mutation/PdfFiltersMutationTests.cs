using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// PdfFilters, which opens cross-reference and object streams: FlateDecode with each PNG predictor row type
/// (PNG spec §9, PDF §7.4.4.4) for one and several bytes per pixel, the parameter defaults, and the refusals.
/// The rows are encoded here by the PNG filter definitions, so the decoder is checked against the encoding rule
/// rather than against itself.
/// </summary>
public sealed class PdfFiltersMutationTests
{
    private static PdfDict Dict(params (string Key, PdfObject Value)[] entries) =>
        new(entries.ToDictionary(e => e.Key, e => e.Value));

    private static PdfNumber N(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>PNG filtering of rows of <paramref name="rowLength"/> bytes, each row with its own type.</summary>
    private static byte[] PngEncode(byte[] data, int rowLength, int bpp, IReadOnlyList<byte> types)
    {
        var rows = data.Length / rowLength;
        var output = new List<byte>();
        for (var r = 0; r < rows; r++)
        {
            var type = types[r % types.Count];
            output.Add(type);
            for (var i = 0; i < rowLength; i++)
            {
                int x = data[r * rowLength + i];
                int a = i >= bpp ? data[r * rowLength + i - bpp] : 0;
                int b = r > 0 ? data[(r - 1) * rowLength + i] : 0;
                int c = r > 0 && i >= bpp ? data[(r - 1) * rowLength + i - bpp] : 0;
                var predicted = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    _ => PaethBySpec(a, b, c),
                };
                output.Add((byte)(x - predicted));
            }
        }
        return [.. output];
    }

    // As written in the PNG specification, §9.4.
    private static int PaethBySpec(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        if (pb <= pc) return b;
        return c;
    }

    private static byte[] Sample(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        random.NextBytes(data);
        // Runs of near values make every Paeth branch happen, not only the random-noise one.
        for (var i = 0; i < length / 3; i++) data[i] = (byte)(i * 3);
        return data;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_PNG_row_type_decodes_with_one_byte_per_pixel(byte type)
    {
        var data = Sample(5 * 40, type);
        var encoded = PngEncode(data, 5, 1, [type]);
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(("Predictor", N(12)), ("Columns", N(5)))));

        Assert.Equal(data, PdfFilters.Decode(dict, MiniPdf.Deflate(encoded)));
    }

    [Theory]
    [InlineData(3, 8, 7)]   // RGB: 3 bytes per pixel
    [InlineData(1, 16, 9)]  // 16-bit: 2 bytes per pixel
    [InlineData(4, 8, 3)]
    [InlineData(2, 4, 6)]   // 2 colors of 4 bits: 1 byte per pixel
    public void Row_types_mixed_with_several_bytes_per_pixel(int colors, int bits, int columns)
    {
        var rowLength = (colors * bits * columns + 7) / 8;
        var bpp = Math.Max(1, colors * bits / 8);
        var data = Sample(rowLength * 25, colors * 100 + bits);
        var encoded = PngEncode(data, rowLength, bpp, [4, 3, 1, 2, 0, 4, 4, 3]);
        var dict = Dict(("Filter", new PdfName("Fl")), ("DecodeParms", Dict(
            ("Predictor", N(15)), ("Colors", N(colors)), ("BitsPerComponent", N(bits)), ("Columns", N(columns)))));

        Assert.Equal(data, PdfFilters.Decode(dict, MiniPdf.Deflate(encoded)));
    }

    [Fact]
    public void Filter_and_parameters_given_as_one_element_arrays_are_read()
    {
        var data = Sample(4 * 10, 1);
        var encoded = PngEncode(data, 4, 1, [2]);
        var dict = Dict(
            ("Filter", new PdfArray([new PdfName("FlateDecode")])),
            ("DecodeParms", new PdfArray([Dict(("Predictor", N(12)), ("Columns", N(4)))])));

        Assert.Equal(data, PdfFilters.Decode(dict, MiniPdf.Deflate(encoded)));
    }

    [Fact]
    public void Without_a_filter_the_bytes_are_the_data_and_without_a_predictor_the_inflated_bytes_are()
    {
        byte[] data = [1, 2, 3, 4, 5];

        Assert.Same(data, PdfFilters.Decode(Dict(), data));
        Assert.Equal(data, PdfFilters.Decode(Dict(("Filter", new PdfName("FlateDecode"))), MiniPdf.Deflate(data)));
        Assert.Equal(data, PdfFilters.Decode(
            Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(("Predictor", N(1))))), MiniPdf.Deflate(data)));
    }

    [Fact]
    public void Columns_default_to_one()
    {
        byte[] data = [10, 20, 30, 40];
        var encoded = PngEncode(data, 1, 1, [2]);
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(("Predictor", N(12)))));

        Assert.Equal(data, PdfFilters.Decode(dict, MiniPdf.Deflate(encoded)));
    }

    [Fact]
    public void A_trailing_partial_row_is_dropped()
    {
        var data = Sample(3 * 4, 5);
        var encoded = PngEncode(data, 3, 1, [1]);
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(("Predictor", N(12)), ("Columns", N(3)))));

        Assert.Equal(data, PdfFilters.Decode(dict, MiniPdf.Deflate([.. encoded, 2, 9, 9])));
    }

    [Theory]
    [InlineData(2, 5, 1, 8, "TIFF predictor is not supported")]
    [InlineData(9, 5, 1, 8, "TIFF predictor is not supported")]
    [InlineData(12, 0, 1, 8, "bad predictor parameters")]
    [InlineData(12, (1 << 20) + 1, 1, 8, "bad predictor parameters")]
    [InlineData(12, 5, 0, 8, "bad predictor parameters")]
    [InlineData(12, 5, 33, 8, "bad predictor parameters")]
    [InlineData(12, 5, 1, 3, "bad predictor parameters")]
    [InlineData(12, 5, 1, 32, "bad predictor parameters")]
    public void Unsupported_predictors_and_parameters_are_refused(int predictor, int columns, int colors, int bits, string message)
    {
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(
            ("Predictor", N(predictor)), ("Columns", N(columns)), ("Colors", N(colors)), ("BitsPerComponent", N(bits)))));

        var e = Assert.Throws<PdfSyntaxException>(() => PdfFilters.Decode(dict, MiniPdf.Deflate(new byte[12])));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(12, 1 << 20, 1, 1)] // the edges of each range
    [InlineData(10, 1, 32, 16)]
    public void The_edges_of_the_parameter_ranges_are_accepted(int predictor, int columns, int colors, int bits)
    {
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(
            ("Predictor", N(predictor)), ("Columns", N(columns)), ("Colors", N(colors)), ("BitsPerComponent", N(bits)))));

        PdfFilters.Decode(dict, MiniPdf.Deflate(new byte[12]));
    }

    [Fact]
    public void A_bad_row_type_is_refused()
    {
        var dict = Dict(("Filter", new PdfName("FlateDecode")), ("DecodeParms", Dict(("Predictor", N(12)), ("Columns", N(2)))));

        var e = Assert.Throws<PdfSyntaxException>(() => PdfFilters.Decode(dict, MiniPdf.Deflate([0, 1, 1, 5, 1, 1])));
        Assert.Equal("bad PNG predictor row type", e.Message);
    }

    [Fact]
    public void Other_filters_and_corrupt_data_are_refused_by_name()
    {
        var e = Assert.Throws<PdfSyntaxException>(() => PdfFilters.Decode(Dict(("Filter", new PdfName("LZWDecode"))), [1]));
        Assert.Equal("unsupported filter /LZWDecode on a cross-reference or object stream", e.Message);

        e = Assert.Throws<PdfSyntaxException>(() => PdfFilters.Decode(Dict(("Filter", new PdfName("FlateDecode"))), [1, 2, 3, 4]));
        Assert.StartsWith("corrupt FlateDecode stream: ", e.Message);
    }

    [Fact]
    public void Decoded_output_is_capped()
    {
        var huge = MiniPdf.Deflate(new byte[PdfFilters.MaxDecodedLength + 1]);

        var e = Assert.Throws<PdfSyntaxException>(() => PdfFilters.Decode(Dict(("Filter", new PdfName("FlateDecode"))), huge));
        Assert.Equal("decoded stream too large", e.Message);

        var exact = MiniPdf.Deflate(new byte[PdfFilters.MaxDecodedLength]);
        Assert.Equal(PdfFilters.MaxDecodedLength, PdfFilters.Decode(Dict(("Filter", new PdfName("FlateDecode"))), exact).Length);
    }
}
