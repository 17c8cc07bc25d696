using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class StatsTests
{
    private static readonly StatsQuery November = new(new(2026, 11, 1), new(2026, 11, 30), null, StatsGroupBy.Agency);
    private int _seq;

    /// <summary>Creates a dossier and plays its events (status, day, hour) through the store.</summary>
    private async Task<string> PlayAsync(TestStore t, DateTimeOffset received, DateTimeOffset? due, string agency = Agency,
        string official = "Lê Văn An", params (DossierStatus Status, DateTimeOffset At)[] events)
    {
        var code = $"{agency}-261101-{++_seq:D4}";
        await t.Store.TryCreateAsync(Dossier(code, received, due, agency: agency, documents: Pdf(code)) with { DueAt = due }, null, Portal);
        var i = 0;
        foreach (var (status, at) in events)
            Assert.Equal(AppendOutcome.Appended, (await t.Store.AppendEventAsync(code, Event($"{code}-{++i}", status, at, official), (_, _) => true, EventAudit())).Outcome);
        return code;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stats_match_a_hand_count_under_the_766_rules(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        const DossierStatus R = DossierStatus.Received, P = DossierStatus.Processing, S = DossierStatus.SupplementRequested, Done = DossierStatus.Resolved;
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), events: [(R, At(11, 2, 10)), (Done, At(11, 4, 10))]);                 // early
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 15), events: [(R, At(11, 2, 10)), (Done, At(11, 5, 14))]);                // on time, in the due session
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), events: [(R, At(11, 2, 10)), (Done, At(11, 6, 9))]);                  // late
        await PlayAsync(t, At(11, 3, 9), At(11, 10, 9), events: [(R, At(11, 3, 10)), (S, At(11, 4, 9)), (P, At(11, 4, 10)),
            (S, At(11, 5, 9)), (P, At(11, 5, 10)), (Done, At(11, 6, 9))]);                                                   // two supplements: late
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), events: [(R, At(11, 2, 10)), (S, At(11, 4, 9)), (P, At(11, 6, 9)),
            (Done, At(11, 7, 8))]);                                                                                          // on time thanks to the pause
        await PlayAsync(t, At(11, 20, 9), At(11, 25, 9), events: [(R, At(11, 20, 10))]);                                     // open, overdue
        await PlayAsync(t, At(11, 28, 9), At(12, 3, 9), events: [(R, At(11, 28, 10))]);                                      // open, on time
        await PlayAsync(t, At(11, 27, 9), At(11, 28, 9), events: [(R, At(11, 27, 10)), (Done, At(12, 2, 9))]);               // ended after the period: overdue then
        await PlayAsync(t, At(11, 25, 9), At(11, 30, 17), events: [(R, At(11, 25, 10)), (S, At(11, 29, 9))]);                // paused before its due date: on time
        await PlayAsync(t, At(11, 10, 9), At(11, 13, 9), events: [(R, At(11, 10, 10)), (DossierStatus.Withdrawn, At(11, 11, 9))]); // withdrawn: received only
        await PlayAsync(t, At(11, 11, 9), At(11, 14, 9), events: [(DossierStatus.Refused, At(11, 11, 15))]);                 // refused early: an end
        await PlayAsync(t, At(11, 10, 9), null, "000.00.19.H47", events: [(R, At(11, 10, 10)), (Done, At(11, 20, 9))]);      // no due date: on time
        await PlayAsync(t, new DateTimeOffset(2026, 10, 31, 23, 59, 0, Vn), At(11, 3, 9));                                    // before the period
        await PlayAsync(t, At(12, 1, 0), At(12, 4, 9));                                                                       // after the period

        var groups = await t.Store.GetStatsAsync(November);

        Assert.Equal(2, groups.Count);
        Assert.Equal(new StatsGroup("000.00.19.H47", "Sở Công Thương", 1, 0, 1, 0, 0, 0, 1.0), groups[0]);
        var g = groups[1];
        Assert.Equal(("000.00.25.H47", 11L), (g.Key, g.Received));
        Assert.Equal((2L, 2L, 2L), (g.ResolvedEarly, g.ResolvedOnTime, g.ResolvedLate));
        Assert.Equal((2L, 2L), (g.InProgressOnTime, g.InProgressOverdue));
        Assert.Equal(0.5455, g.OnTimeRate);
        Assert.StartsWith("Sở Tài chính", g.Name);

        var oneAgency = await t.Store.GetStatsAsync(November with { AgencyCode = "000.00.19.H47", GroupBy = StatsGroupBy.Procedure });
        Assert.Equal("1.001612", Assert.Single(oneAgency).Key);
        Assert.Equal(1, oneAgency[0].Received);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stats_group_by_the_current_official(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), official: "Lê Văn An", events: [(DossierStatus.Received, At(11, 2, 10))]);
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), official: "Lê Văn An", events: [(DossierStatus.Received, At(11, 2, 10))]);
        await PlayAsync(t, At(11, 2, 9), At(11, 5, 9), official: "Phạm Thị Mai", events: [(DossierStatus.Received, At(11, 2, 10))]);

        var groups = await t.Store.GetStatsAsync(November with { GroupBy = StatsGroupBy.Official });

        Assert.Equal([("Lê Văn An", 2L), ("Phạm Thị Mai", 1L)], groups.Select(g => (g.Key, g.Received)));
        Assert.All(groups, g => Assert.Equal(g.Received, g.InProgressOverdue));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Late_report_names_the_official_the_overrun_step_and_the_apology(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var code = $"{Agency}-261101-0001";
        await t.Store.TryCreateAsync(Dossier(code, At(11, 2, 9), At(11, 5, 9)), null, Portal);
        await t.Store.AppendEventAsync(code, Event("1", DossierStatus.Received, At(11, 2, 10), "Lê Văn An", At(11, 2, 17)), IsAllowed, EventAudit());
        await t.Store.AppendEventAsync(code, Event("2", DossierStatus.Processing, At(11, 2, 15), "Phạm Thị Mai", At(11, 4, 17)), IsAllowed, EventAudit());
        var apology = new Apology("Chờ xác minh", At(11, 12, 17));
        await t.Store.AppendEventAsync(code, Event("3", DossierStatus.Processing, At(11, 6, 8), "Phạm Thị Mai", apology: apology), IsAllowed, EventAudit());
        await t.Store.TryCreateAsync(Dossier($"{Agency}-261101-0002", At(11, 2, 9), At(12, 5, 9)), null, Portal); // not late

        var report = await t.Store.GetLateReportAsync(Agency, At(11, 10, 0));

        var late = Assert.Single(report);
        Assert.Equal(code, late.Code);
        Assert.True(late.Overdue);
        Assert.Equal("Phạm Thị Mai", late.CurrentOfficial!.Name);
        Assert.Equal("2", late.OverrunStep!.EventId);
        Assert.Equal(apology, late.Apology);
        Assert.Equal(At(11, 5, 9), late.OriginalDueAt);
        Assert.Empty(await t.Store.GetLateReportAsync("000.00.19.H47", At(11, 10, 0)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Late_report_puts_the_longest_past_due_first_so_the_limit_drops_the_least_late(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        const DossierStatus R = DossierStatus.Received, Done = DossierStatus.Resolved;
        var slightly = await PlayAsync(t, At(11, 6, 9), At(11, 9, 9), events: [(R, At(11, 6, 10)), (Done, At(11, 9, 15))]);  // ended 6 h late
        var open = await PlayAsync(t, At(11, 3, 9), At(11, 5, 9), events: [(R, At(11, 3, 10))]);                           // open, 5 days past due
        var ended = await PlayAsync(t, At(11, 2, 9), At(11, 4, 9), events: [(R, At(11, 2, 10)), (Done, At(11, 6, 9))]);     // ended 2 days late
        await PlayAsync(t, At(11, 2, 9), At(11, 12, 9), events: [(R, At(11, 2, 10))]);                                      // open, not yet due

        var report = await t.Store.GetLateReportAsync(Agency, At(11, 10, 9));
        Assert.Equal([open, ended, slightly], report.Select(r => r.Code));
        Assert.Equal([open, ended], (await t.Store.GetLateReportAsync(Agency, At(11, 10, 9), limit: 2)).Select(r => r.Code));
    }
}
