using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Storage.Sql;

/// <summary>The JSON used for columns that hold small records (applicant, agency, procedure, result document).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
    public static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Options)!;
}
