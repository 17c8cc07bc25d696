using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests;

/// <summary>Every class of bad submission gets problem+json and stores nothing.</summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.SmallLimitsHub>
{
    /// <summary>A hub with small size limits so oversize is cheap to send.</summary>
    public sealed class SmallLimitsHub : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();
        public Task InitializeAsync()
        {
            Hub.ExtraSettings.AddRange(["--Limits:MaxDocumentBytes=4096", "--Limits:MaxDossierBytes=6144"]);
            return Hub.InitializeAsync();
        }
        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private readonly TestHub hub;
    public BadInputTests(SmallLimitsHub fixture) => hub = fixture.Hub;

    public static TheoryData<string, Action<JsonObject>, int> FieldCases() => new()
    {
        { "code", b => b["code"] = "H47-2611300001", 400 },
        { "code", b => b["code"] = "000.00.19.H47-261130-0001", 400 },       // agency prefix differs from agencyCode
        { "code", b => b["code"] = "000.00.25.H47-261340-0001", 400 },       // month 13
        { "procedureCode", b => b["procedureCode"] = "1001612", 400 },
        { "procedureCode", b => b.Remove("procedureCode"), 400 },
        { "receivedAt", b => b["receivedAt"] = "2026-11-30T08:30:00", 400 }, // no offset
        { "receivedAt", b => b["receivedAt"] = "yesterday", 400 },
        { "receivedAt", b => b["receivedAt"] = "2027-01-30T08:30:00+07:00", 400 }, // in the future
        { "channel", b => b["channel"] = "fax", 400 },
        { "applicant", b => b.Remove("applicant"), 400 },
        { "applicant.name", b => b["applicant"]!["name"] = "  ", 400 },
        { "applicant.idNumber", b => b["applicant"]!["idNumber"] = "05409000123", 400 },
        { "documents", b => b["documents"] = new JsonArray(), 400 },
        { "documents", b => b.Remove("documents"), 400 },
        { "documents[0].content", b => b["documents"]![0]!["content"] = "not base64!!", 400 },
        { "documents[0].content", b => b["documents"]![0]!["content"] = "", 400 },
        { "documents[0].name", b => b["documents"]![0]!["name"] = "../etc/passwd", 400 },
        { "documents[0].mediaType", b => b["documents"]![0]!["mediaType"] = "pdf", 400 },
        { "documents[0].detachedSignature", b => b["documents"]![0]!["detachedSignature"] = "%%%", 400 },
    };

    [Theory]
    [MemberData(nameof(FieldCases))]
    public async Task Invalid_field_is_a_validation_problem_naming_it_and_nothing_is_stored(string field, Action<JsonObject> spoil, int status)
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        spoil(body);
        var response = await hub.Client(TestHub.PortalKey).Submit(body);
        var problem = await response.AssertProblem(status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        await AssertNothingStored(body["code"]?.GetValue<string>() ?? code);
    }

    [Theory]
    [InlineData("{\"code\": ")]
    [InlineData("{\"code\": \"000.00.25.H47-261130-0001\",}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Malformed_json_is_400_problem(string text)
    {
        var response = await hub.Client(TestHub.PortalKey).PostAsync("/api/v1/dossiers", new StringContent(text, Encoding.UTF8, "application/json"));
        await response.AssertProblem(400);
    }

    [Fact]
    public async Task Wrong_json_types_are_400_problem_and_nothing_stored()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        body["documents"] = "one document";
        var response = await hub.Client(TestHub.PortalKey).Submit(body);
        var problem = await response.AssertProblem(400);
        Assert.Contains("documents", problem.GetProperty("detail").GetString());
        await AssertNothingStored(code);

        var numeric = Submissions.Valid(code);
        numeric["receivedAt"] = 20261130;
        await (await hub.Client(TestHub.PortalKey).Submit(numeric)).AssertProblem(400);
        await AssertNothingStored(code);
    }

    [Fact]
    public async Task Wrong_media_type_is_415_problem()
    {
        var code = Submissions.NextCode();
        var response = await hub.Client(TestHub.PortalKey).PostAsync("/api/v1/dossiers",
            new StringContent(Submissions.Valid(code).ToJsonString(), Encoding.UTF8, "text/plain"));
        await response.AssertProblem(415);
        await AssertNothingStored(code);
    }

    [Fact]
    public async Task Document_over_the_per_document_limit_is_413_and_nothing_stored()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        body["documents"]![0]!["content"] = Convert.ToBase64String(new byte[5000]);
        await (await hub.Client(TestHub.PortalKey).Submit(body)).AssertProblem(413);
        await AssertNothingStored(code);
    }

    [Fact]
    public async Task Documents_over_the_per_dossier_limit_are_413_and_nothing_stored()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        var docs = new JsonArray();
        for (var i = 0; i < 3; i++)
            docs.Add(new JsonObject { ["name"] = $"p{i}.bin", ["mediaType"] = "application/octet-stream", ["content"] = Convert.ToBase64String(new byte[3000]) });
        body["documents"] = docs;
        await (await hub.Client(TestHub.PortalKey).Submit(body)).AssertProblem(413);
        await AssertNothingStored(code);
    }

    [Fact]
    public async Task Request_body_over_the_request_limit_is_413_before_it_is_read()
    {
        // The request limit here is 6144 / 3 * 4 + 1 MiB; send 2 MiB.
        var huge = new string('A', 2 * 1024 * 1024);
        var body = $"{{\"code\":\"x\",\"documents\":[{{\"content\":\"{huge}\"}}]}}";
        var response = await hub.Client(TestHub.PortalKey).PostAsync("/api/v1/dossiers", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblem(413);
    }

    [Fact]
    public async Task The_hub_keeps_answering_after_bad_input()
    {
        await (await hub.Client(TestHub.PortalKey).PostAsync("/api/v1/dossiers", new StringContent("{{{{", Encoding.UTF8, "application/json"))).AssertProblem(400);
        var ok = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(Submissions.NextCode()));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    private async Task AssertNothingStored(string code)
    {
        Assert.Null(await hub.Service<IDossierStore>().GetAsync(code));
        var deliveries = await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(DossierCode: code));
        Assert.Empty(deliveries.Items);
    }
}
