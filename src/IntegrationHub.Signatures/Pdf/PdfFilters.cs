using System.IO.Compression;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Decodes the streams the reader must look inside: cross-reference streams and object streams, which
/// are FlateDecode (optionally with a PNG predictor, §7.4.4.4) in practice. Output size is capped.
/// </summary>
internal static class PdfFilters
{
    public const int MaxDecodedLength = 64 * 1024 * 1024;

    public static byte[] Decode(PdfDict dict, byte[] raw)
    {
        var filter = dict["Filter"];
        var parms = dict["DecodeParms"];
        if (filter is PdfArray { Items.Count: 1 } single) filter = single.Items[0];
        if (parms is PdfArray { Items.Count: 1 } singleParms) parms = singleParms.Items[0];
        return filter switch
        {
            null => raw,
            PdfName { Value: "FlateDecode" or "Fl" } => ApplyPredictor(Inflate(raw), parms as PdfDict),
            _ => throw new PdfSyntaxException($"unsupported filter {filter} on a cross-reference or object stream"),
        };
    }

    private static byte[] Inflate(byte[] raw)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                if (output.Length + n > MaxDecodedLength) throw new PdfSyntaxException("decoded stream too large");
                output.Write(buffer, 0, n);
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new PdfSyntaxException("corrupt FlateDecode stream: " + e.Message);
        }
    }

    private static byte[] ApplyPredictor(byte[] data, PdfDict? parms)
    {
        var predictor = (parms?["Predictor"] as PdfNumber)?.AsLong() ?? 1;
        if (predictor == 1) return data;
        if (predictor < 10) throw new PdfSyntaxException("TIFF predictor is not supported");
        var columns = (int)((parms?["Columns"] as PdfNumber)?.AsLong() ?? 1);
        var colors = (int)((parms?["Colors"] as PdfNumber)?.AsLong() ?? 1);
        var bits = (int)((parms?["BitsPerComponent"] as PdfNumber)?.AsLong() ?? 8);
        if (columns is < 1 or > 1 << 20 || colors is < 1 or > 32 || bits is not (1 or 2 or 4 or 8 or 16))
            throw new PdfSyntaxException("bad predictor parameters");
        var bpp = Math.Max(1, colors * bits / 8);
        var rowLength = (colors * bits * columns + 7) / 8;
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (rowLength + 1)];
            var row = output.AsSpan(r * rowLength, rowLength);
            data.AsSpan(r * (rowLength + 1) + 1, rowLength).CopyTo(row);
            for (var i = 0; i < rowLength; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
                row[i] = type switch
                {
                    0 => row[i],
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + (left + up) / 2),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => throw new PdfSyntaxException("bad PNG predictor row type"),
                };
            }
            row.CopyTo(previous);
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
