using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

/// <summary>The stats route against a hand count of seven dossiers with known histories (766 rules).</summary>
public sealed class StatsTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<string> Dossier(params (int Status, string At)[] events)
    {
        var code = Submissions.NextCode();
        var submission = Submissions.Valid(code);
        submission["receivedAt"] = hub.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(submission)).StatusCode);
        var i = 0;
        foreach (var (status, at) in events)
        {
            var e = new JsonObject { ["eventId"] = $"{code}-{++i}", ["status"] = status, ["at"] = at,
                ["official"] = new JsonObject { ["name"] = "Lê Văn An" } };
            var response = await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{code}/events", e);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        return code;
    }

    [Fact]
    public async Task Stats_match_a_hand_count()
    {
        // Received Monday 30 Nov 2026 09:00 (+07), 3 working days: due Thursday 3 Dec 09:00.
        await Dossier((2, "2026-11-30T09:30:00+07:00"), (9, "2026-11-30T15:00:00+07:00"));                       // early
        await Dossier((2, "2026-11-30T09:30:00+07:00"), (4, "2026-12-01T09:00:00+07:00"), (9, "2026-12-03T08:45:00+07:00")); // on time
        await Dossier((2, "2026-11-30T09:30:00+07:00"), (9, "2026-12-04T10:00:00+07:00"));                       // late
        await Dossier((2, "2026-11-30T09:30:00+07:00"));                                                            // open, overdue at 31 Dec
        await Dossier((2, "2026-11-30T09:30:00+07:00"), (5, "2026-11-30T10:00:00+07:00"), (4, "2026-11-30T11:00:00+07:00"),
            (5, "2026-11-30T14:00:00+07:00"), (4, "2026-11-30T15:00:00+07:00"), (9, "2026-11-30T16:00:00+07:00")); // two supplements: late
        await Dossier((7, "2026-11-30T10:00:00+07:00"));                                                            // withdrawn: received only
        hub.Time.SetUtcNow(new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.FromHours(7)));
        await Dossier((2, "2026-12-30T09:30:00+07:00"));                                                            // open, within time at 31 Dec

        var body = await (await hub.Client().GetAsync("/api/v1/public/stats?from=2026-11-01&to=2026-12-31&groupBy=agency&agency=000.00.25.H47")).Json();
        Assert.Equal("2026-11-01", body.GetProperty("from").GetString());
        Assert.Equal("agency", body.GetProperty("groupBy").GetString());
        var group = Assert.Single(body.GetProperty("groups").EnumerateArray());
        Assert.Equal("000.00.25.H47", group.GetProperty("key").GetString());
        Assert.Equal(7, group.GetProperty("received").GetInt32());
        Assert.Equal(1, group.GetProperty("resolvedEarly").GetInt32());
        Assert.Equal(1, group.GetProperty("resolvedOnTime").GetInt32());
        Assert.Equal(2, group.GetProperty("resolvedLate").GetInt32());
        Assert.Equal(1, group.GetProperty("inProgressOnTime").GetInt32());
        Assert.Equal(1, group.GetProperty("inProgressOverdue").GetInt32());

        // Only November: the dossier received on 30 December is not counted.
        var november = await (await hub.Client().GetAsync("/api/v1/public/stats?from=2026-11-01&to=2026-11-30&agency=000.00.25.H47")).Json();
        Assert.Equal(6, november.GetProperty("groups")[0].GetProperty("received").GetInt32());
    }
}
