using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Dossiers;

/// <summary>
/// A base64 field of a request (a document's content, a detached signature), decoded while the JSON is read.
/// <see cref="Bytes"/> is null when the text is not base64; the validator turns that into a field error, so a bad
/// document is a 400 naming the field, not a binding failure. <see cref="EncodedLength"/> is the text's length, for
/// the size message.
/// </summary>
[JsonConverter(typeof(Base64BytesJsonConverter))]
public sealed class Base64Bytes(byte[]? bytes, long encodedLength)
{
    public byte[]? Bytes { get; } = bytes;
    public long EncodedLength { get; } = encodedLength;

    public static Base64Bytes Of(byte[] bytes) => new(bytes, (bytes.LongLength + 2) / 3 * 4);

    /// <summary>Decodes text received outside JSON (a SOAP field); whitespace and line breaks are allowed, as in JSON.</summary>
    public static Base64Bytes FromText(string text)
    {
        var buffer = new byte[text.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? new Base64Bytes(written == buffer.Length ? buffer : buffer[..written], text.Length)
            : new Base64Bytes(null, text.Length);
    }

    // Never the content: a document must not reach a log line through a DTO's ToString.
    public override string ToString() => Bytes is null ? $"invalid base64 ({EncodedLength} characters)" : $"{Bytes.Length} bytes";
}

/// <summary>
/// Reads a base64 string token without making a string of it: a 50 KB document is ~68 KB of base64, and as a .NET
/// string that is ~136 KB on the large-object heap for every request, then decoded from UTF-16. The usual token (plain
/// padded base64, no escapes) is decoded from the request's UTF-8 bytes straight into an array of the exact size;
/// anything else (line breaks, JSON escapes such as <c>\/</c>) takes the string path, with the same rules as before.
/// </summary>
public sealed class Base64BytesJsonConverter : JsonConverter<Base64Bytes>
{
    public override Base64Bytes Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A base64 field must be a JSON string.");
        if (reader.ValueIsEscaped) return Base64Bytes.FromText(reader.GetString()!);
        if (!reader.HasValueSequence) return Decode(reader.ValueSpan) ?? Base64Bytes.FromText(reader.GetString()!);

        var length = checked((int)reader.ValueSequence.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ValueSequence.CopyTo(rented);
            return Decode(rented.AsSpan(0, length)) ?? Base64Bytes.FromText(reader.GetString()!);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>Plain padded base64 decoded into an array of its exact size; null when the text is not of that form.</summary>
    private static Base64Bytes? Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0) return new Base64Bytes([], 0);
        if (utf8.Length % 4 != 0) return null;
        var padding = utf8[^1] == '=' ? utf8[^2] == '=' ? 2 : 1 : 0;
        var bytes = new byte[utf8.Length / 4 * 3 - padding];
        var status = Base64.DecodeFromUtf8(utf8, bytes, out _, out var written);
        return status == OperationStatus.Done && written == bytes.Length ? new Base64Bytes(bytes, utf8.Length) : null;
    }

    public override void Write(Utf8JsonWriter writer, Base64Bytes value, JsonSerializerOptions options)
    {
        if (value.Bytes is null) writer.WriteNullValue();
        else writer.WriteBase64StringValue(value.Bytes);
    }
}
