namespace IntegrationHub.Tests;

public sealed class PublicTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task Public_lookup_shows_status_dates_and_agency_and_no_personal_data()
    {
        var code = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
        var response = await hub.Client().GetAsync($"/api/v1/public/dossiers/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal(["code", "status", "statusName", "agencyCode", "receivedAt", "dueAt"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, body.GetProperty("status").GetInt32());
        Assert.Equal("Mới đăng ký", body.GetProperty("statusName").GetString());
        Assert.Equal("2026-11-30T08:30:00+07:00", body.GetProperty("receivedAt").GetString());
        Assert.DoesNotContain("Trần Tấn Phú", text);
        Assert.DoesNotContain(Submissions.CitizenId, text);
        Assert.DoesNotContain("0905123456", text);
        Assert.DoesNotContain("don-de-nghi", text);
    }

    [Fact]
    public async Task Public_lookup_of_an_unknown_code_is_404_problem()
    {
        await (await hub.Client().GetAsync("/api/v1/public/dossiers/000.00.25.H47-261130-9999")).AssertProblem(404);
    }

    [Fact]
    public async Task Procedures_are_published_with_processing_time_and_vertical_system()
    {
        var body = await (await hub.Client().GetAsync("/api/v1/public/procedures")).Json();
        Assert.True(body.GetArrayLength() >= 12);
        var p = body.EnumerateArray().Single(x => x.GetProperty("code").GetString() == "1.001612");
        Assert.Equal("000.00.25.H47", p.GetProperty("agencyCode").GetString());
        Assert.Equal(3, p.GetProperty("processingTime").GetProperty("value").GetInt32());
        Assert.Equal("workingDays", p.GetProperty("processingTime").GetProperty("unit").GetString());
        Assert.Equal("planning-investment", p.GetProperty("verticalSystem").GetString());
        Assert.Equal(["justice", "planning-investment", "trade"],
            body.EnumerateArray().Select(x => x.GetProperty("verticalSystem").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task Calendar_2026_has_Tet_Hung_Kings_day_and_days_off()
    {
        var body = await (await hub.Client().GetAsync("/api/v1/public/calendar/2026")).Json();
        Assert.Equal(2026, body.GetProperty("year").GetInt32());
        Assert.Equal("2026-02-17", body.GetProperty("lunarNewYear").GetString());
        Assert.Equal("2026-04-26", body.GetProperty("hungKingsDay").GetString());
        var daysOff = body.GetProperty("daysOff").EnumerateArray().Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.Contains("2026-01-01", daysOff);
        Assert.Contains("2026-09-02", daysOff);
        Assert.Contains("2026-02-17", daysOff);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, body.GetProperty("workingSaturdays").ValueKind);
    }

    [Theory]
    [InlineData("1899", 404)]
    [InlineData("2101", 404)]
    [InlineData("twenty", 400)]
    [InlineData("-5", 400)]
    public async Task Calendar_outside_1900_to_2100_is_a_problem(string year, int status)
    {
        await (await hub.Client().GetAsync($"/api/v1/public/calendar/{year}")).AssertProblem(status);
    }

    [Theory]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-12-01&to=2026-11-01")]
    [InlineData("groupBy=colour")]
    [InlineData("agency=H47")]
    public async Task Bad_stats_query_is_400_problem(string query)
    {
        await (await hub.Client().GetAsync($"/api/v1/public/stats?{query}")).AssertProblem(400);
    }
}
