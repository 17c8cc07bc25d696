using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

public sealed class EventTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<string> NewDossier()
    {
        var code = Submissions.NextCode();
        Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code))).StatusCode);
        return code;
    }

    private Task<HttpResponseMessage> Post(string code, JsonObject e) =>
        hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{code}/events", e);

    private static JsonObject Event(string id, int status, string at, string? official = null) => new()
    {
        ["eventId"] = id, ["status"] = status, ["at"] = at,
        ["official"] = official is null ? null : new JsonObject { ["name"] = official, ["title"] = "Chuyên viên", ["unit"] = "Phòng Đăng ký kinh doanh" },
    };

    [Fact]
    public async Task Status_events_move_the_dossier_and_are_kept_in_its_history_with_officials()
    {
        var code = await NewDossier();
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("PI-1", 2, "2026-11-30T09:00:00+07:00", "Lê Văn An"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("PI-2", 4, "2026-11-30T10:00:00+07:00", "Lê Văn An"))).StatusCode);
        var answer = await (await Post(code, Event("PI-3", 9, "2026-12-01T10:00:00+07:00", "Lê Văn An"))).Json();
        Assert.Equal(9, answer.GetProperty("status").GetInt32());
        Assert.False(answer.GetProperty("duplicate").GetBoolean());

        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(9, view.GetProperty("status").GetInt32());
        var history = view.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("eventId").GetString()!.StartsWith("PI-")).ToList();
        Assert.Equal(["PI-1", "PI-2", "PI-3"], history.Select(h => h.GetProperty("eventId").GetString()));
        Assert.Equal("Lê Văn An", history[1].GetProperty("official").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Forbidden_transition_is_409_and_changes_nothing()
    {
        var code = await NewDossier();
        // 9 (resolved) before 2 (received) is impossible.
        await (await Post(code, Event("X-1", 9, "2026-11-30T10:00:00+07:00"))).AssertProblem(409);
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("X-2", 2, "2026-11-30T10:00:00+07:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("X-3", 4, "2026-11-30T11:00:00+07:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("X-4", 9, "2026-12-01T11:00:00+07:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(code, Event("X-5", 10, "2026-12-01T15:00:00+07:00"))).StatusCode);
        // Nothing after 10.
        await (await Post(code, Event("X-6", 4, "2026-12-02T10:00:00+07:00"))).AssertProblem(409);
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(10, view.GetProperty("status").GetInt32());
        Assert.DoesNotContain(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("eventId").GetString() is "X-1" or "X-6");
    }

    [Fact]
    public async Task Duplicate_event_id_is_accepted_once()
    {
        var code = await NewDossier();
        var first = await (await Post(code, Event("D-1", 2, "2026-11-30T10:00:00+07:00"))).Json();
        var again = await Post(code, Event("D-1", 2, "2026-11-30T10:00:00+07:00"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True((await again.Json()).GetProperty("duplicate").GetBoolean());
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Single(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("eventId").GetString() == "D-1");
    }

    [Fact]
    public async Task System_status_is_mapped_by_the_systems_table_from_configuration()
    {
        var code = await NewDossier();
        var e = new JsonObject { ["eventId"] = "M-1", ["systemStatus"] = "TIEP_NHAN", ["at"] = "2026-11-30T10:00:00+07:00" };
        var answer = await (await Post(code, e)).Json();
        Assert.Equal(2, answer.GetProperty("status").GetInt32());
        var unknown = new JsonObject { ["eventId"] = "M-2", ["systemStatus"] = "NO_SUCH_CODE", ["at"] = "2026-11-30T11:00:00+07:00" };
        var problem = await (await Post(code, unknown)).AssertProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("systemStatus", out _));
    }

    [Fact]
    public async Task Supplement_request_pushes_the_effective_due_date_back_by_the_paused_working_time()
    {
        var code = await NewDossier();
        var original = (await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("dueAt").GetDateTimeOffset();
        await Post(code, Event("S-1", 2, "2026-11-30T09:00:00+07:00"));
        await Post(code, Event("S-2", 5, "2026-11-30T10:00:00+07:00"));
        // One whole working day paused: Mon 10:00 -> Tue 10:00.
        var resumed = await (await Post(code, Event("S-3", 4, "2026-12-01T10:00:00+07:00"))).Json();
        Assert.Equal(original.AddDays(1), resumed.GetProperty("effectiveDueAt").GetDateTimeOffset());
        Assert.Equal(original, resumed.GetProperty("originalDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Apology_keeps_the_old_due_date_beside_the_new_one()
    {
        var code = await NewDossier();
        var original = (await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("dueAt").GetDateTimeOffset();
        await Post(code, Event("A-1", 2, "2026-11-30T09:00:00+07:00"));
        var apology = Event("A-2", 4, "2026-12-02T16:00:00+07:00", "Lê Văn An");
        apology["apology"] = new JsonObject { ["reason"] = "Chờ ý kiến cơ quan phối hợp", ["newDueAt"] = "2026-12-10T17:00:00+07:00" };
        var answer = await (await Post(code, apology)).Json();
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 17, 0, 0, TimeSpan.FromHours(7)), answer.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(original, answer.GetProperty("originalDueAt").GetDateTimeOffset());
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        var step = view.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("eventId").GetString() == "A-2");
        Assert.Equal("Chờ ý kiến cơ quan phối hợp", step.GetProperty("apology").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bad_event_fields_are_400_and_unknown_dossier_404()
    {
        var code = await NewDossier();
        var problem = await (await Post(code, new JsonObject { ["status"] = 11, ["at"] = "soon" })).AssertProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("eventId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("at", out _));
        await (await Post("000.00.25.H47-261130-9999", Event("U-1", 2, "2026-11-30T10:00:00+07:00"))).AssertProblem(404);
    }
}
