using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Signatures.Validation;

/// <summary>The JSON of the report as DESIGN.md fixes it (camelCase names, ISO-8601 times, nulls kept).</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Source-generated metadata: `hub verify` is a short process, and reflection-based serializer warm-up was a visible part of it.
        TypeInfoResolver = ReportJsonContext.Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Vietnamese names stay readable
    };

    public static string Serialize(ValidationReport report) => JsonSerializer.Serialize(report, Options);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
