using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// The JSON of the report as DESIGN.md fixes it (camelCase names in declaration order, ISO-8601 times, nulls kept
/// except subIndication/errors of the file and coveredRevision, which are left out when null).
/// Written by hand with <see cref="Utf8JsonWriter"/>: `hub verify` is a short process, and even the source-generated
/// serializer metadata cost ~50 ms of JIT at its start (generic instantiations over framework types cannot be
/// precompiled). The output is byte for byte what <see cref="JsonSerializer"/> gives with <see cref="Options"/>;
/// a test holds the two together.
/// </summary>
public static class ReportJson
{
    /// <summary>The serializer settings the hand-written form matches (web defaults, indented, relaxed escaping).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Vietnamese names stay readable
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ValidationReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, report);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter w, ValidationReport report)
    {
        w.WriteStartObject();
        w.WriteString("file", report.File);
        w.WriteString("format", report.Format);
        w.WriteString("indication", report.Indication);
        w.WriteStartArray("signatures");
        foreach (var s in report.Signatures) WriteSignature(w, s);
        w.WriteEndArray();
        if (report.SubIndication is not null) w.WriteString("subIndication", report.SubIndication);
        if (report.Errors is not null) WriteStrings(w, "errors", report.Errors);
        w.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter w, SignatureReport s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("indication", s.Indication);
        w.WriteString("subIndication", s.SubIndication);
        if (s.Signer is { } signer)
        {
            w.WriteStartObject("signer");
            w.WriteString("subject", signer.Subject);
            w.WriteString("issuer", signer.Issuer);
            w.WriteString("serialNumber", signer.SerialNumber);
            w.WriteString("notBefore", signer.NotBefore);
            w.WriteString("notAfter", signer.NotAfter);
            w.WriteEndObject();
        }
        else w.WriteNull("signer");
        WriteTime(w, "signingTime", s.SigningTime);
        WriteTime(w, "bestSignatureTime", s.BestSignatureTime);
        w.WriteString("digestAlgorithm", s.DigestAlgorithm);
        w.WriteString("signatureAlgorithm", s.SignatureAlgorithm);
        w.WriteString("level", s.Level);
        w.WriteStartArray("timestamps");
        foreach (var t in s.Timestamps)
        {
            w.WriteStartObject();
            w.WriteString("type", t.Type);
            w.WriteString("generationTime", t.GenerationTime);
            w.WriteString("indication", t.Indication);
            w.WriteString("subIndication", t.SubIndication);
            w.WriteString("tsa", t.Tsa);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteStrings(w, "errors", s.Errors);
        WriteStrings(w, "warnings", s.Warnings);
        WriteStrings(w, "chain", s.Chain);
        if (s.CoveredRevision is { } revision) w.WriteNumber("coveredRevision", revision);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null) { w.WriteNull(name); return; }
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
