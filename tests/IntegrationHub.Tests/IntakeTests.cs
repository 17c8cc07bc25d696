using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests;

public sealed class IntakeTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task Accepted_dossier_answers_201_with_due_date_and_is_stored_with_its_document_and_outbox_row()
    {
        var code = Submissions.NextCode();
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, content: "hello"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/dossiers/{code}", response.Headers.Location?.OriginalString);
        var body = await response.Json();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(1, body.GetProperty("status").GetInt32());
        Assert.Equal("planning-investment", body.GetProperty("verticalSystem").GetString());
        // 3 working days from Monday 30 Nov 2026 08:30 (+07): Thursday 3 December, same time of day.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 8, 30, 0, TimeSpan.FromHours(7)), body.GetProperty("dueAt").GetDateTimeOffset());
        var doc = body.GetProperty("documents")[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), doc.GetProperty("sha256").GetString());
        Assert.Equal(5, doc.GetProperty("size").GetInt64());
        // An unsigned text document under a flagging procedure: accepted, flagged, with its report.
        Assert.True(doc.GetProperty("flagged").GetBoolean());
        Assert.Equal("INDETERMINATE", doc.GetProperty("report").GetProperty("indication").GetString());
        Assert.Equal("FORMAT_FAILURE", doc.GetProperty("report").GetProperty("subIndication").GetString());

        var stored = await hub.Service<IDossierStore>().GetAsync(code);
        Assert.NotNull(stored);
        Assert.Equal("hello"u8.ToArray(), await hub.Service<IDossierStore>().GetDocumentContentAsync(stored.Documents[0].Sha256));
        var deliveries = await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(DossierCode: code));
        Assert.Single(deliveries.Items);
        Assert.Equal("planning-investment", deliveries.Items[0].VerticalSystem);
    }

    [Fact]
    public async Task Stored_dossier_is_read_back_by_portal_agency_and_admin_keys()
    {
        var code = Submissions.NextCode();
        Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code))).StatusCode);
        foreach (var key in new[] { TestHub.PortalKey, TestHub.AgencyKey, TestHub.AdminKey })
        {
            var response = await hub.Client(key).GetAsync($"/api/v1/dossiers/{code}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Json();
            Assert.Equal(Submissions.CitizenId, body.GetProperty("applicant").GetProperty("idNumber").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Array, body.GetProperty("history").ValueKind);
            Assert.Equal(1, body.GetProperty("deliveries").GetArrayLength());
        }
    }

    [Fact]
    public async Task Unsigned_document_under_a_procedure_that_requires_signatures_is_refused_422_with_reports_and_nothing_stored()
    {
        var code = Submissions.NextCode();
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, Submissions.RefuseProcedure));
        var problem = await response.AssertProblem(422);
        var reports = problem.GetProperty("reports");
        Assert.Equal(1, reports.GetArrayLength());
        Assert.NotEqual("TOTAL_PASSED", reports[0].GetProperty("indication").GetString());
        Assert.Equal("FORMAT_FAILURE", reports[0].GetProperty("subIndication").GetString());
        Assert.Null(await hub.Service<IDossierStore>().GetAsync(code));
    }

    [Fact]
    public async Task Procedure_not_served_by_the_agency_is_422_and_nothing_stored()
    {
        var code = Submissions.NextCode();
        // 2.000633 is served by 000.00.19.H47, not by 000.00.25.H47.
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, "2.000633"));
        var problem = await response.AssertProblem(422);
        Assert.Contains("2.000633", problem.GetProperty("detail").GetString());
        Assert.Null(await hub.Service<IDossierStore>().GetAsync(code));
    }

    [Fact]
    public async Task Unknown_agency_is_422_and_nothing_stored()
    {
        var code = Submissions.NextCode("000.00.99.H47");
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, agency: "000.00.99.H47"));
        await response.AssertProblem(422);
        Assert.Null(await hub.Service<IDossierStore>().GetAsync(code));
    }

    [Fact]
    public async Task Unknown_dossier_is_404_problem()
    {
        var response = await hub.Client(TestHub.PortalKey).GetAsync("/api/v1/dossiers/000.00.25.H47-261130-9999");
        await response.AssertProblem(404);
    }
}
