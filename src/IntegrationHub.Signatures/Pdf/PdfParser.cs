using System.Buffers;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// A tokenizer and object parser over <see cref="PdfBytes"/> (ISO 32000-1 §7.2-7.3). It never resolves
/// references; it throws <see cref="PdfSyntaxException"/> on anything it cannot read.
/// </summary>
internal sealed class PdfParser(PdfBytes bytes, long position = 0)
{
    private const int MaxDepth = 64;
    private const int MaxStringLength = 32 * 1024 * 1024;
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    public long Position { get; set; } = position;
    public PdfBytes Bytes => bytes;

    public static bool IsWhite(int c) => c is 0 or 9 or 10 or 12 or 13 or 32;
    public static bool IsDelimiter(int c) => c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    public void SkipWhitespace()
    {
        while (true)
        {
            var c = bytes.At(Position);
            if (IsWhite(c)) { Position++; continue; }
            if (c == '%')
            {
                while (c != -1 && c != '\n' && c != '\r') c = bytes.At(++Position);
                continue;
            }
            return;
        }
    }

    /// <summary>Reads a bare word (keyword or number) without consuming anything else.</summary>
    public string ReadWord()
    {
        SkipWhitespace();
        var sb = new StringBuilder();
        int c;
        while ((c = bytes.At(Position)) != -1 && !IsWhite(c) && !IsDelimiter(c) && sb.Length < 256)
        {
            sb.Append((char)c);
            Position++;
        }
        return sb.ToString();
    }

    public bool TryReadKeyword(string keyword)
    {
        var save = Position;
        if (ReadWord() == keyword) return true;
        Position = save;
        return false;
    }

    public long ReadInteger()
    {
        var word = ReadWord();
        return long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new PdfSyntaxException($"expected an integer at offset {Position}, found '{Truncate(word)}'");
    }

    /// <summary>Reads "N G obj" and returns N and G.</summary>
    public (int Number, int Generation) ReadObjectHeader()
    {
        var number = ReadInteger();
        var generation = ReadInteger();
        if (ReadWord() != "obj" || number < 0 || number > int.MaxValue || generation < 0 || generation > 65535)
            throw new PdfSyntaxException($"expected 'N G obj' at offset {Position}");
        return ((int)number, (int)generation);
    }

    public PdfObject ReadObject(int depth = 0)
    {
        if (depth > MaxDepth) throw new PdfSyntaxException("objects nested too deeply");
        SkipWhitespace();
        var start = Position;
        var c = bytes.At(Position);
        switch (c)
        {
            case -1: throw new PdfSyntaxException("unexpected end of file");
            case '/': Position++; return new PdfName(ReadNameBody());
            case '(': return ReadLiteralString(start);
            case '[':
            {
                Position++;
                var items = new List<PdfObject>();
                while (true)
                {
                    SkipWhitespace();
                    if (bytes.At(Position) == ']') { Position++; return new PdfArray(items); }
                    items.Add(ReadObject(depth + 1));
                }
            }
            case '<' when bytes.At(Position + 1) == '<':
            {
                Position += 2;
                var entries = new Dictionary<string, PdfObject>(StringComparer.Ordinal);
                while (true)
                {
                    SkipWhitespace();
                    if (bytes.At(Position) == '>' && bytes.At(Position + 1) == '>') { Position += 2; return new PdfDict(entries); }
                    if (bytes.At(Position) != '/') throw new PdfSyntaxException($"expected a name key at offset {Position}");
                    Position++;
                    var key = ReadNameBody();
                    entries[key] = ReadObject(depth + 1);
                }
            }
            case '<': return ReadHexString(start);
        }

        var word = ReadWord();
        if (word.Length == 0) throw new PdfSyntaxException($"unexpected character '{(char)c}' at offset {start}");
        switch (word)
        {
            case "true": return new PdfBool(true);
            case "false": return new PdfBool(false);
            case "null": return PdfNull.Instance;
        }
        if (!IsNumber(word)) throw new PdfSyntaxException($"unexpected token '{Truncate(word)}' at offset {start}");

        // "N G R" is a reference: look ahead two words and step back if it is not one.
        var afterFirst = Position;
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var second = ReadWord();
            if (int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && ReadWord() == "R")
                return new PdfRef(number, generation);
        }
        Position = afterFirst;
        return new PdfNumber(word);
    }

    /// <summary>[+-]digits[.digits] or [+-].digits (§7.3.3); anything else is not a number.</summary>
    private static bool IsNumber(string word)
    {
        var body = word.Length > 0 && word[0] is '+' or '-' ? word[1..] : word;
        var dot = body.IndexOf('.');
        var digits = dot < 0 ? body : body.Remove(dot, 1);
        return digits.Length is > 0 and < 40 && digits.All(char.IsAsciiDigit);
    }

    private string ReadNameBody()
    {
        var sb = new StringBuilder();
        int c;
        while ((c = bytes.At(Position)) != -1 && !IsWhite(c) && !IsDelimiter(c))
        {
            if (sb.Length > 1024) throw new PdfSyntaxException("name too long");
            Position++;
            if (c == '#' && IsHex(bytes.At(Position)) && IsHex(bytes.At(Position + 1)))
            {
                c = HexValue(bytes.At(Position)) * 16 + HexValue(bytes.At(Position + 1));
                Position += 2;
            }
            sb.Append((char)c);
        }
        return sb.ToString();
    }

    // Over the window's span rather than byte by byte through At(): a signature's /Contents is a hex string of tens of
    // kilobytes (the placeholder), and reading it per byte was most of the parse of a signed PDF at intake.
    private PdfString ReadHexString(long start)
    {
        Position++;
        var data = new byte[256];
        var count = 0;
        var high = -1;
        while (true)
        {
            var window = bytes.WindowFrom(Position);
            if (window.IsEmpty) throw new PdfSyntaxException("unterminated hex string");
            for (var i = 0; i < window.Length; i++)
            {
                int c = window[i];
                if (c == '>')
                {
                    Position += i + 1;
                    if (high >= 0) Append(ref data, ref count, (byte)(high * 16));
                    return new PdfString(data.AsSpan(0, count).ToArray(), true, start, Position);
                }
                if (IsWhite(c)) continue;
                if (!IsHex(c)) throw new PdfSyntaxException($"bad hex digit at offset {Position + i}");
                if (high < 0 && HexRunLength(window[i..]) is var run and >= 32)
                {
                    // A long run of digits (a signature placeholder is tens of kilobytes of them) is decoded in one
                    // vectorised call rather than digit by digit.
                    Reserve(ref data, count, run / 2);
                    Convert.FromHexString(window.Slice(i, run), data.AsSpan(count), out _, out var written);
                    count += written;
                    i += run - 1;
                    continue;
                }
                if (high < 0) high = HexValue(c);
                else { Append(ref data, ref count, (byte)(high * 16 + HexValue(c))); high = -1; }
            }
            Position += window.Length;
        }

        static int HexRunLength(ReadOnlySpan<byte> span)
        {
            var length = span.IndexOfAnyExcept(HexDigits);
            return (length < 0 ? span.Length : length) & ~1;
        }

        static void Reserve(ref byte[] data, int count, int more)
        {
            if (count + more <= data.Length) return;
            if (count + more > MaxStringLength) throw new PdfSyntaxException("string too long");
            Array.Resize(ref data, Math.Max(count + more, Math.Min(data.Length * 2, MaxStringLength)));
        }

        static void Append(ref byte[] data, ref int count, byte value)
        {
            if (count == data.Length)
            {
                if (count >= MaxStringLength) throw new PdfSyntaxException("string too long");
                Array.Resize(ref data, data.Length * 2);
            }
            data[count++] = value;
        }
    }

    private PdfString ReadLiteralString(long start)
    {
        Position++;
        var data = new List<byte>();
        var depth = 1;
        while (true)
        {
            var c = bytes.At(Position++);
            if (c == -1) throw new PdfSyntaxException("unterminated string");
            if (data.Count > MaxStringLength) throw new PdfSyntaxException("string too long");
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) break;
            else if (c == '\\')
            {
                c = bytes.At(Position++);
                switch (c)
                {
                    case 'n': data.Add((byte)'\n'); continue;
                    case 'r': data.Add((byte)'\r'); continue;
                    case 't': data.Add((byte)'\t'); continue;
                    case 'b': data.Add((byte)'\b'); continue;
                    case 'f': data.Add((byte)'\f'); continue;
                    case '\r': if (bytes.At(Position) == '\n') Position++; continue;
                    case '\n': continue;
                    case >= '0' and <= '7':
                        var value = c - '0';
                        for (var i = 0; i < 2 && bytes.At(Position) is >= '0' and <= '7'; i++) value = value * 8 + (bytes.At(Position++) - '0');
                        data.Add((byte)value);
                        continue;
                    case -1: throw new PdfSyntaxException("unterminated string");
                }
            }
            data.Add((byte)c);
        }
        return new PdfString([.. data], false, start, Position);
    }

    private static bool IsHex(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
    private static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    private static string Truncate(string s) => s.Length > 20 ? s[..20] + "..." : s;
}

/// <summary>The file is not PDF syntax we can read; turned into a SignatureFormatException at the edge.</summary>
internal sealed class PdfSyntaxException(string message) : Exception(message);
