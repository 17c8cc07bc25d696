using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Builds submissions in DESIGN.md's shape. Procedure 2.002045 (000.00.25.H47) accepts unsigned documents and flags them;
/// 1.001612 (same agency) refuses them.</summary>
public static class Submissions
{
    public const string Agency = "000.00.25.H47";
    public const string FlagProcedure = "2.002045";
    public const string RefuseProcedure = "1.001612";
    public const string CitizenId = "054090001234";

    private static int sequence;

    public static string NextCode(string agency = Agency) => $"{agency}-261130-{Interlocked.Increment(ref sequence):D4}";

    public static JsonObject Valid(string code, string procedure = FlagProcedure, string agency = Agency, string? content = null) => new()
    {
        ["code"] = code,
        ["procedureCode"] = procedure,
        ["agencyCode"] = agency,
        ["receivedAt"] = "2026-11-30T08:30:00+07:00",
        ["channel"] = "online",
        ["applicant"] = new JsonObject { ["name"] = "Trần Tấn Phú", ["idNumber"] = CitizenId, ["phone"] = "0905123456", ["email"] = "phu@example.vn" },
        ["documents"] = new JsonArray(new JsonObject
        {
            ["name"] = "don-de-nghi.txt",
            ["mediaType"] = "text/plain",
            ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(content ?? "Đơn đề nghị " + code)),
            ["detachedSignature"] = null,
        }),
    };

    public static async Task<HttpResponseMessage> PostJson(this HttpClient client, string path, JsonNode body) =>
        await client.PostAsync(path, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> Submit(this HttpClient client, JsonNode body) => await client.PostJson("/api/v1/dossiers", body);

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts an RFC 9457 problem with the status, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
        return json;
    }
}
