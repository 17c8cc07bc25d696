namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// Random access to a PDF's bytes through one small window, so a 200 MB file is never held in memory:
/// the reader seeks to the tail, the cross-reference sections and the objects it needs.
/// </summary>
internal sealed class PdfBytes
{
    private const int WindowSize = 8 * 1024;
    private readonly Stream _stream;
    private readonly byte[] _window = new byte[WindowSize];
    private long _windowStart = -1;
    private int _windowLength;

    public PdfBytes(Stream stream)
    {
        if (!stream.CanSeek) throw new ArgumentException("The PDF stream must be seekable.", nameof(stream));
        _stream = stream;
        Length = stream.Length;
    }

    public PdfBytes(byte[] data) : this(new MemoryStream(data, writable: false)) { }

    public long Length { get; }

    public Stream Stream => _stream;

    /// <summary>The byte at <paramref name="position"/>, or -1 outside the file.</summary>
    public int At(long position)
    {
        if (position < 0 || position >= Length) return -1;
        if (position < _windowStart || position >= _windowStart + _windowLength) Fill(position);
        return _window[position - _windowStart];
    }

    /// <summary>The bytes from <paramref name="position"/> to the end of the loaded window (loaded if needed); empty outside the file.</summary>
    public ReadOnlySpan<byte> WindowFrom(long position)
    {
        if (position < 0 || position >= Length) return default;
        if (position < _windowStart || position >= _windowStart + _windowLength) Fill(position);
        return _window.AsSpan((int)(position - _windowStart), (int)(_windowStart + _windowLength - position));
    }

    /// <summary>Reads up to <paramref name="count"/> bytes (fewer at the end of the file).</summary>
    public byte[] Read(long position, int count)
    {
        if (position < 0 || position > Length) return [];
        count = (int)Math.Min(count, Length - position);
        var result = new byte[count];
        _stream.Position = position;
        _stream.ReadExactly(result);
        return result;
    }

    /// <summary>Finds <paramref name="needle"/> at or after <paramref name="from"/>, looking at most <paramref name="limit"/> bytes.</summary>
    public long IndexOf(ReadOnlySpan<byte> needle, long from, long limit)
    {
        var end = Math.Min(Length, from + limit);
        for (var p = Math.Max(0, from); p + needle.Length <= end; p++)
        {
            var i = 0;
            while (i < needle.Length && At(p + i) == needle[i]) i++;
            if (i == needle.Length) return p;
        }
        return -1;
    }

    private void Fill(long position)
    {
        // Keep a little before the position too: the parser sometimes steps back a few bytes.
        position = Math.Max(0, position - 512);
        _stream.Position = position;
        var total = 0;
        while (total < WindowSize)
        {
            var n = _stream.Read(_window, total, WindowSize - total);
            if (n == 0) break;
            total += n;
        }
        _windowStart = position;
        _windowLength = total;
    }
}
