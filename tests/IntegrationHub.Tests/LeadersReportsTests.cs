using System.Text.Json;

namespace IntegrationHub.Tests;

/// <summary>The leaders' reports over <see cref="LateScenario"/>: the late list's fields and order, the agencies, the timeline, who may read what.</summary>
public sealed class LeadersReportsTests(TestHub hub) : IClassFixture<TestHub>
{
    private static DateTimeOffset At(JsonElement e, string name) => e.GetProperty(name).GetDateTimeOffset();

    [Fact]
    public async Task Late_list_is_ordered_by_working_days_late_with_agency_procedure_and_effective_due_date()
    {
        var s = await LateScenario.SeedAsync(hub);
        var response = await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/reports/late");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.Json()).EnumerateArray().ToList();

        var mine = list.Where(e => e.GetProperty("code").GetString() is { } c && (c == s.Overdue || c == s.Supplemented || c == s.ResolvedLate || c == s.OnTime)).ToList();
        Assert.Equal([s.Overdue, s.Supplemented, s.ResolvedLate], mine.Select(e => e.GetProperty("code").GetString()));
        Assert.Equal([5, 4, 1], mine.Select(e => e.GetProperty("lateWorkingDays").GetInt32()));
        var days = list.Select(e => e.GetProperty("lateWorkingDays").GetInt32()).ToList();
        Assert.Equal(days.OrderByDescending(d => d), days);

        var overdue = mine[0];
        Assert.Equal("000.00.25.H47", overdue.GetProperty("agencyCode").GetString());
        Assert.StartsWith(LateScenario.ProcedureNameStart, overdue.GetProperty("procedureName").GetString());
        Assert.Equal(LateScenario.DueAt, At(overdue, "dueAt"));
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Equal("Phạm Thị Hoa", overdue.GetProperty("currentOfficial").GetProperty("name").GetString());
        Assert.Equal("Lê Văn An", overdue.GetProperty("overrunStep").GetProperty("official").GetProperty("name").GetString());
        Assert.Equal(LateScenario.ApologyNewDueAt, At(overdue.GetProperty("apology"), "newDueAt"));

        // The supplement pushed the effective due date back by its one working day.
        Assert.Equal(LateScenario.SupplementedDueAt, At(mine[1], "dueAt"));
        Assert.False(mine[2].GetProperty("overdue").GetBoolean());
        Assert.False(mine[2].GetProperty("apologySent").GetBoolean());
    }

    [Fact]
    public async Task An_agency_sees_only_its_own_agency_and_its_own_dossiers_timelines()
    {
        var s = await LateScenario.SeedAsync(hub);
        var other = (await (await hub.Client(TestHub.OtherAgencyKey).GetAsync("/api/v1/reports/late")).Json()).EnumerateArray();
        Assert.DoesNotContain(other, e => e.GetProperty("code").GetString() == s.Overdue);
        await (await hub.Client(TestHub.OtherAgencyKey).GetAsync($"/api/v1/reports/dossiers/{s.Overdue}/timeline")).AssertProblem(403);
        await (await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/reports/dossiers/000.00.25.H47-261130-9999/timeline")).AssertProblem(404);

        var own = (await (await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/reports/agencies")).Json()).EnumerateArray().ToList();
        var agency = Assert.Single(own);
        Assert.Equal("000.00.25.H47", agency.GetProperty("code").GetString());
        Assert.StartsWith("Sở Tài chính", agency.GetProperty("name").GetString()); // the name in force in December 2026
        var all = (await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/reports/agencies")).Json()).EnumerateArray()
            .Select(a => a.GetProperty("code").GetString()).ToList();
        Assert.Contains("000.00.25.H47", all);
        Assert.Contains("000.00.19.H47", all);
        Assert.Contains("000.00.20.H47", all);

        // An admin reads any agency's timeline.
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/reports/dossiers/{s.Overdue}/timeline")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/reports/agencies")]
    [InlineData("/api/v1/reports/dossiers/000.00.25.H47-261130-0001/timeline")]
    [InlineData("/api/v1/reports/late?agency=000.00.25.H47")]
    public async Task Reports_need_an_agency_or_admin_key(string path)
    {
        await (await hub.Client().GetAsync(path)).AssertProblem(401);
        await (await hub.Client(TestHub.PortalKey).GetAsync(path)).AssertProblem(403);
        await (await hub.Client(TestHub.PlanningKey).GetAsync(path)).AssertProblem(403);
    }

    [Fact]
    public async Task Timeline_shows_each_step_against_its_deadline_and_the_apology_with_the_date_it_replaced()
    {
        var s = await LateScenario.SeedAsync(hub);
        var response = await hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/reports/dossiers/{s.Overdue}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var t = JsonDocument.Parse(text).RootElement;
        Assert.Equal("overdue", t.GetProperty("outcome").GetString());
        Assert.Equal(5, t.GetProperty("lateWorkingDays").GetInt32());
        Assert.Equal(LateScenario.DueAt, At(t, "effectiveDueAt"));
        Assert.Equal(LateScenario.ApologyNewDueAt, At(t, "dueAt"));
        Assert.StartsWith(LateScenario.ProcedureNameStart, t.GetProperty("procedureName").GetString());

        var steps = t.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal("Lê Văn An", steps[0].GetProperty("official").GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.FromHours(7)), At(steps[0], "stepDueAt"));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.FromHours(7)), At(steps[0], "finishedAt"));
        Assert.True(steps[0].GetProperty("overran").GetBoolean());
        Assert.Equal(1, steps[0].GetProperty("lateWorkingDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("finishedAt").ValueKind);
        Assert.False(steps[1].GetProperty("overran").GetBoolean()); // no deadline of its own

        var apology = Assert.Single(t.GetProperty("apologies").EnumerateArray());
        Assert.Equal("Chờ xác minh thông tin", apology.GetProperty("reason").GetString());
        Assert.Equal(LateScenario.DueAt, At(apology, "previousDueAt"));
        Assert.Equal(LateScenario.ApologyNewDueAt, At(apology, "newDueAt"));

        // Leaders see officials, not the applicant.
        Assert.DoesNotContain("Trần Tấn Phú", text);
        Assert.DoesNotContain(Submissions.CitizenId, text);
    }

    [Fact]
    public async Task Timeline_lists_the_supplement_and_the_due_date_it_moved()
    {
        var s = await LateScenario.SeedAsync(hub);
        var t = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/reports/dossiers/{s.Supplemented}/timeline")).Json();
        Assert.Equal(1, t.GetProperty("supplementCount").GetInt32());
        var supplement = Assert.Single(t.GetProperty("supplements").EnumerateArray());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(7)), At(supplement, "requestedAt"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(7)), At(supplement, "resumedAt"));
        Assert.Equal("Thiếu bản sao giấy tờ", supplement.GetProperty("note").GetString());
        Assert.Equal(LateScenario.SupplementedDueAt, At(t, "effectiveDueAt"));
        Assert.Equal(4, t.GetProperty("lateWorkingDays").GetInt32());

        var onTime = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/reports/dossiers/{s.OnTime}/timeline")).Json();
        Assert.Equal("early", onTime.GetProperty("outcome").GetString());
        Assert.Equal(0, onTime.GetProperty("lateWorkingDays").GetInt32());
    }
}
