using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Signatures.Tests.Xml;

namespace IntegrationHub.Tests.Signatures;

/// <summary>
/// Issue 13 over HTTP: shapes of the xmlsec1 corpus, signed by xmlsec1 with the citizen's key, get the same verdict from
/// POST /api/v1/signatures/validate and from the dossier intake as from `hub verify` (TOTAL_PASSED, and TOTAL_FAILED with
/// HASH_FAILURE for the tampered twin).
/// </summary>
public sealed class Xmlsec1CorpusOverHttpTests(SignatureTests.PkiHub fixture) : IClassFixture<SignatureTests.PkiHub>
{
    private readonly TestHub hub = fixture.Hub;
    private readonly TestPki pki = fixture.Pki;

    public static TheoryData<string> Shapes() => new(
        "#Id to a child element", "#xml:id to a child element", "#ID to the root, enveloped", "enveloping ds:Object with an Id",
        "detached: two sibling elements by Id", "2006/12/xml-c14n11, #Id to a child under xml:lang and a prefix");

    private async Task<byte[]> Sign(string template, string[] idAttributes)
    {
        var folder = Directory.CreateTempSubdirectory("hub-xmlsec1-").FullName;
        var input = Path.Combine(folder, "template.xml");
        var output = Path.Combine(folder, "signed.xml");
        await File.WriteAllTextAsync(input, template);
        await Tools.MustRun("xmlsec1", ["--sign", .. idAttributes, "--privkey-pem", $"{pki.CitizenKeyPem},{pki.CitizenCertPem}", "--output", output, input]);
        return await File.ReadAllBytesAsync(output);
    }

    private async Task<JsonElement> ValidateOverHttp(byte[] document)
    {
        var json = new JsonObject { ["name"] = "to-khai.xml", ["content"] = Convert.ToBase64String(document) };
        var response = await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/validate", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    private async Task<JsonElement> SubmitAndReadReport(byte[] document)
    {
        var submission = Submissions.Valid(Submissions.NextCode());
        submission["documents"]![0]!["name"] = "to-khai.xml";
        submission["documents"]![0]!["mediaType"] = "application/xml";
        submission["documents"]![0]!["content"] = Convert.ToBase64String(document);
        var response = await hub.Client(TestHub.PortalKey).Submit(submission);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Json()).GetProperty("documents")[0];
    }

    [Infrastructure.RequiresToolTheory("xmlsec1")]
    [MemberData(nameof(Shapes))]
    public async Task Validate_route_and_intake_pass_an_xmlsec1_shape_and_fail_its_tampered_twin(string name)
    {
        var shape = Xmlsec1Corpus.All().Single(c => c.Name == name);
        var signed = await Sign(shape.Template, shape.IdAttributes);
        var tampered = Xmlsec1Corpus.Tampered(shape, signed).First(t => t.What == "content").Document;

        var report = await ValidateOverHttp(signed);
        Assert.True(report.GetProperty("indication").GetString() == "TOTAL_PASSED", report.ToString());
        var stored = await SubmitAndReadReport(signed);
        Assert.Equal("TOTAL_PASSED", stored.GetProperty("report").GetProperty("indication").GetString());
        Assert.False(stored.GetProperty("flagged").GetBoolean());

        var failed = await ValidateOverHttp(tampered);
        Assert.Equal(("TOTAL_FAILED", "HASH_FAILURE"),
            (failed.GetProperty("indication").GetString(), failed.GetProperty("signatures")[0].GetProperty("subIndication").GetString()));
        var flagged = await SubmitAndReadReport(tampered);
        Assert.Equal("TOTAL_FAILED", flagged.GetProperty("report").GetProperty("indication").GetString());
        Assert.True(flagged.GetProperty("flagged").GetBoolean());
    }
}
