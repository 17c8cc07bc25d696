using System.Globalization;
using System.Text;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>The few PDF object kinds (ISO 32000-1 §7.3) our reader needs. Kept minimal on purpose.</summary>
internal abstract class PdfObject
{
    /// <summary>A canonical text form, used to compare two versions of an object across revisions.</summary>
    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }
}

internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();
    public override void WriteTo(StringBuilder sb) => sb.Append("null");
}

internal sealed class PdfBool(bool value) : PdfObject
{
    public bool Value { get; } = value;
    public override void WriteTo(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

/// <summary>A number, keeping its source text so that writing it back changes nothing.</summary>
internal sealed class PdfNumber(string text) : PdfObject
{
    public string Text { get; } = text;
    public bool IsInteger => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    public long AsLong() => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v
        : (long)double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}

internal sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;
    public override void WriteTo(StringBuilder sb)
    {
        sb.Append('/');
        foreach (var ch in Value)
        {
            // Escape delimiters, whitespace and non-printables as #xx (§7.3.5).
            if (ch <= ' ' || ch > '~' || "()<>[]{}/%#".Contains(ch)) sb.Append('#').Append(((int)ch & 0xFF).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(ch);
        }
    }
}

/// <summary>A literal or hex string. <see cref="Start"/>/<see cref="End"/> locate its token in the file (for /Contents).</summary>
internal sealed class PdfString(byte[] bytes, bool hex, long start, long end) : PdfObject
{
    public byte[] Bytes { get; } = bytes;
    public bool IsHex { get; } = hex;
    public long Start { get; } = start;
    public long End { get; } = end;
    public string AsText() => Encoding.Latin1.GetString(Bytes);
    public override void WriteTo(StringBuilder sb) => sb.Append('<').Append(Convert.ToHexString(Bytes)).Append('>');
}

internal sealed class PdfRef(int number, int generation) : PdfObject
{
    public int Number { get; } = number;
    public int Generation { get; } = generation;
    public override void WriteTo(StringBuilder sb) => sb.Append(Number).Append(' ').Append(Generation).Append(" R");
}

internal sealed class PdfArray(List<PdfObject> items) : PdfObject
{
    public List<PdfObject> Items { get; } = items;
    public override void WriteTo(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            Items[i].WriteTo(sb);
        }
        sb.Append(']');
    }
}

internal sealed class PdfDict(Dictionary<string, PdfObject> entries) : PdfObject
{
    public Dictionary<string, PdfObject> Entries { get; } = entries;

    public PdfObject? this[string key] => Entries.GetValueOrDefault(key);

    public string? NameOf(string key) => (this[key] as PdfName)?.Value;

    public bool Is(string key, string name) => NameOf(key) == name;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("<<");
        // Sorted keys: two dictionaries that differ only in key order compare equal.
        foreach (var (key, value) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            new PdfName(key).WriteTo(sb);
            sb.Append(' ');
            value.WriteTo(sb);
        }
        sb.Append(">>");
    }
}

/// <summary>A stream object: its dictionary and where its raw (encoded) data sits in the file.</summary>
internal sealed class PdfStream(PdfDict dict, long dataOffset, long dataLength) : PdfObject
{
    public PdfDict Dict { get; } = dict;
    public long DataOffset { get; } = dataOffset;
    public long DataLength { get; } = dataLength;

    /// <summary>Set for streams decoded in memory (never for file streams).</summary>
    public byte[]? InlineData { get; init; }

    public override void WriteTo(StringBuilder sb)
    {
        Dict.WriteTo(sb);
        sb.Append(" stream@").Append(DataOffset).Append('+').Append(DataLength);
    }
}
