using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntegrationHub.Signatures.Validation;

/// <summary>The JSON of the report as DESIGN.md fixes it (camelCase names, ISO-8601 times, nulls kept).</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Vietnamese names stay readable
    };

    public static string Serialize(ValidationReport report) => JsonSerializer.Serialize(report, Options);
}
