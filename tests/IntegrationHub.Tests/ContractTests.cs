using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests;

/// <summary>
/// contracts/ holds what crosses the wire; the hub must serve exactly that. With UPDATE_CONTRACTS=1 the tests
/// write the served documents into contracts/ instead (then review the diff).
/// </summary>
public sealed partial class ContractTests(TestHub hub) : IClassFixture<TestHub>
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1";

    [Fact]
    public async Task Served_openapi_document_equals_contracts_openapi_v1_json()
    {
        var served = await hub.Client().GetStringAsync("/openapi/v1.json");
        var normalised = JsonNode.Parse(served)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(RepositoryRoot(), "contracts", "openapi", "v1.json");
        if (Update) { Directory.CreateDirectory(Path.GetDirectoryName(path)!); await File.WriteAllTextAsync(path, normalised); }
        Assert.True(File.Exists(path), "contracts/openapi/v1.json is missing: run the tests with UPDATE_CONTRACTS=1");
        Assert.Equal(await File.ReadAllTextAsync(path), normalised);
    }

    [Fact]
    public async Task Served_wsdl_equals_contracts_soap_DossierSync_wsdl_except_the_address()
    {
        var served = NormaliseAddress(await hub.Client().GetStringAsync("/soap/DossierSync?wsdl"));
        var path = Path.Combine(RepositoryRoot(), "contracts", "soap", "DossierSync.wsdl");
        if (Update) { Directory.CreateDirectory(Path.GetDirectoryName(path)!); await File.WriteAllTextAsync(path, served); }
        Assert.True(File.Exists(path), "contracts/soap/DossierSync.wsdl is missing: run the tests with UPDATE_CONTRACTS=1");
        Assert.Equal(await File.ReadAllTextAsync(path), served);
    }

    [Fact]
    public void Openapi_contract_lists_every_route_of_the_design()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "contracts", "openapi", "v1.json")))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var route in new[] { "/api/v1/dossiers", "/api/v1/dossiers/{code}", "/api/v1/dossiers/{code}/events",
                     "/api/v1/public/dossiers/{code}", "/api/v1/public/procedures", "/api/v1/public/calendar/{year}", "/api/v1/public/stats",
                     "/api/v1/reports/late", "/api/v1/signatures/validate", "/api/v1/signatures/seal", "/api/v1/signatures/augment",
                     "/api/v1/signing-sessions", "/api/v1/signing-sessions/{id}/complete" })
            Assert.Contains(route, paths);
    }

    /// <summary>Only the host and port of soap:address differ between runs.</summary>
    public static string NormaliseAddress(string wsdl) => Address().Replace(wsdl, "location=\"http://localhost/soap/DossierSync\"");

    [GeneratedRegex("location=\"https?://[^/\"]+/soap/DossierSync\"")]
    private static partial Regex Address();

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IntegrationHub.sln not found above the test folder");
    }
}
