using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

public sealed class ReportsTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task Late_report_lists_the_overdue_dossier_with_its_official_overrun_step_and_apology()
    {
        var late = Submissions.NextCode();
        var onTime = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(late));
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(onTime));
        var step = new JsonObject
        {
            ["eventId"] = "L-1", ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00", ["stepDueAt"] = "2026-12-01T17:00:00+07:00",
            ["official"] = new JsonObject { ["name"] = "Lê Văn An", ["title"] = "Chuyên viên", ["unit"] = "Phòng Đăng ký kinh doanh" },
        };
        Assert.True((await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{late}/events", step)).IsSuccessStatusCode);
        var apology = new JsonObject
        {
            ["eventId"] = "L-2", ["status"] = 4, ["at"] = "2026-12-02T16:00:00+07:00",
            ["official"] = new JsonObject { ["name"] = "Phạm Thị Hoa" },
            ["apology"] = new JsonObject { ["reason"] = "Chờ xác minh", ["newDueAt"] = "2026-12-09T17:00:00+07:00" },
        };
        Assert.True((await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{late}/events", apology)).IsSuccessStatusCode);
        Assert.True((await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{onTime}/events",
            new JsonObject { ["eventId"] = "T-1", ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00" })).IsSuccessStatusCode);
        Assert.True((await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{onTime}/events",
            new JsonObject { ["eventId"] = "T-2", ["status"] = 9, ["at"] = "2026-12-01T09:00:00+07:00" })).IsSuccessStatusCode);

        hub.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7)));
        var response = await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/reports/late");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.Json()).EnumerateArray().ToList();
        var entry = Assert.Single(list);
        Assert.Equal(late, entry.GetProperty("code").GetString());
        Assert.True(entry.GetProperty("overdue").GetBoolean());
        Assert.Equal("Phạm Thị Hoa", entry.GetProperty("currentOfficial").GetProperty("name").GetString());
        Assert.True(entry.GetProperty("apologySent").GetBoolean());
        Assert.Equal("Chờ xác minh", entry.GetProperty("apology").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Late_report_is_for_agency_and_admin_keys_and_an_agency_sees_only_its_own()
    {
        await (await hub.Client().GetAsync("/api/v1/reports/late?agency=000.00.25.H47")).AssertProblem(401);
        await (await hub.Client(TestHub.PortalKey).GetAsync("/api/v1/reports/late?agency=000.00.25.H47")).AssertProblem(403);
        await (await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/reports/late?agency=000.00.19.H47")).AssertProblem(403);
        await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/reports/late")).AssertProblem(400);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/reports/late?agency=000.00.19.H47")).StatusCode);
    }
}
