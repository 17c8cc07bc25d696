using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

public sealed class AuthTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task No_key_is_401_problem()
    {
        await (await hub.Client().Submit(Submissions.Valid(Submissions.NextCode()))).AssertProblem(401);
        await (await hub.Client().GetAsync("/api/v1/dossiers/000.00.25.H47-261130-0001")).AssertProblem(401);
    }

    [Fact]
    public async Task Unknown_key_is_401_problem()
    {
        await (await hub.Client("not-a-key").Submit(Submissions.Valid(Submissions.NextCode()))).AssertProblem(401);
        // A key that differs only in its last character.
        await (await hub.Client(TestHub.PortalKey[..^1] + "X").Submit(Submissions.Valid(Submissions.NextCode()))).AssertProblem(401);
    }

    [Fact]
    public async Task Key_configured_by_hash_authenticates()
    {
        Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(Submissions.NextCode()))).StatusCode);
    }

    [Theory]
    [InlineData(TestHub.AgencyKey)]
    [InlineData(TestHub.PlanningKey)]
    [InlineData(TestHub.AdminKey)]
    public async Task Only_portal_keys_submit_dossiers(string key)
    {
        var code = Submissions.NextCode();
        await (await hub.Client(key).Submit(Submissions.Valid(code))).AssertProblem(403);
        await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).AssertProblem(404);
    }

    [Fact]
    public async Task Vertical_key_cannot_read_dossiers_and_portal_key_cannot_post_events()
    {
        var code = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
        await (await hub.Client(TestHub.PlanningKey).GetAsync($"/api/v1/dossiers/{code}")).AssertProblem(403);
        await (await hub.Client(TestHub.PortalKey).PostJson($"/api/v1/dossiers/{code}/events", Event("E1", 2))).AssertProblem(403);
    }

    [Fact]
    public async Task Vertical_system_cannot_touch_a_dossier_routed_to_another_system()
    {
        var code = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));   // routed to planning-investment
        var response = await hub.Client(TestHub.JusticeKey).PostJson($"/api/v1/dossiers/{code}/events", Event("J-1", 2));
        await response.AssertProblem(403);
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(1, view.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Agency_key_reads_only_its_own_agency()
    {
        var code = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/dossiers/{code}")).StatusCode);
        await (await hub.Client(TestHub.OtherAgencyKey).GetAsync($"/api/v1/dossiers/{code}")).AssertProblem(403);
    }

    internal static JsonObject Event(string id, int status) => new()
    {
        ["eventId"] = id, ["status"] = status, ["at"] = "2026-11-30T10:00:00+07:00",
    };
}
