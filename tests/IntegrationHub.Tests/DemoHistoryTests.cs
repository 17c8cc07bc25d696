using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Demo;
using IntegrationHub.Dossiers;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Tests;

public sealed class DemoHistoryTests(TestHub hub) : IClassFixture<TestHub>
{
    private DemoHistory History(int count) => new(hub.Service<IDossierStore>(), hub.Service<IOutboxStore>(), hub.Service<IReferenceDataStore>(),
        hub.Service<DueDates>(), new DemoOptions { Enabled = true, HistoryDossiers = count, HistoryDays = 60 }, hub.Service<Extensions.HubOptions>(),
        hub.Time, NullLogger<DemoHistory>.Instance);

    [Fact]
    public async Task History_is_written_once_through_the_store_with_officials_supplements_apologies_and_dead_letters()
    {
        var today = DateOnly.FromDateTime(hub.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var stats = hub.Service<IStatisticsStore>();
        async Task<long> Received() => (await stats.GetStatsAsync(new StatsQuery(today.AddDays(-90), today, null, StatsGroupBy.Agency))).Sum(g => g.Received);
        var before = await Received();

        Assert.Equal(600, await History(600).WriteAsync(default));
        Assert.Equal(before + 600, await Received());
        // A second start (a new DemoHistory, as after a restart) finds the marker and writes nothing.
        Assert.Equal(0, await History(600).WriteAsync(default));
        Assert.Equal(before + 600, await Received());

        var groups = await stats.GetStatsAsync(new StatsQuery(today.AddDays(-90), today, null, StatsGroupBy.Agency));
        Assert.True(groups.Count >= 3, "several agencies");
        Assert.True(groups.Sum(g => g.ResolvedLate) > 0 && groups.Sum(g => g.ResolvedEarly + g.ResolvedOnTime) > groups.Sum(g => g.ResolvedLate));
        var dead = await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(State: DeliveryState.Dead, VerticalSystem: VerticalSystems.Trade));
        Assert.NotEmpty(dead.Items);
        Assert.All(dead.Items, d => Assert.Contains("simulated outage", d.LastError));

        var late = await stats.GetLateReportAsync("000.00.25.H47", hub.Time.GetUtcNow());
        Assert.NotEmpty(late);
        var withApology = 0;
        foreach (var item in late.Take(40))
        {
            var dossier = (await hub.Service<IDossierStore>().GetAsync(item.Code))!;
            Assert.All(dossier.History, e => Assert.True(e.At <= hub.Time.GetUtcNow(), "no event from the future"));
            Assert.All(dossier.History, e => Assert.False(string.IsNullOrEmpty(e.Official?.Name)));
            if (dossier.History.Any(e => e.Apology is not null)) withApology++;
        }
        Assert.True(withApology > 0, "late dossiers carry the apology with a new date");
    }

    [Fact]
    public void Plan_is_the_same_for_the_same_first_day_and_its_codes_never_meet_the_live_feed()
    {
        var seed = Storage.Seed.SeedLoader.ReadEmbedded();
        (IReadOnlyList<Agency>, IReadOnlyList<Procedure>) Catalog(DateOnly d) =>
            (seed.Agencies.Where(a => a.IsEffectiveOn(d)).ToList(), seed.Procedures.Where(p => p.IsEffectiveOn(d)).ToList());
        var first = new DateOnly(2026, 11, 29);
        var a = DemoHistoryPlan.Make(first, 47, 3000, 120, Catalog, (_, _, at, _) => at.AddDays(5));
        var b = DemoHistoryPlan.Make(first, 47, 3000, 120, Catalog, (_, _, at, _) => at.AddDays(5));

        Assert.Equal(a.Select(p => p.Dossier.Code), b.Select(p => p.Dossier.Code));
        Assert.Equal(a.Count, a.Select(p => p.Dossier.Code).Distinct().Count());
        Assert.True(a.Count >= 2900);
        Assert.All(a, p =>
        {
            Assert.True(DossierCode.TryParse(p.Dossier.Code, out var code, out _));
            Assert.True(code!.Date < first, "the history ends before the first start");
            Assert.True(code.Sequence < DemoOptions.FirstLiveSequence, "history codes stay below the live feed's");
            Assert.All(p.Events, e => Assert.True(e.At >= p.Dossier.ReceivedAt));
        });
        // Every timeline obeys the state machine.
        Assert.All(a, p =>
        {
            DossierStatus? status = p.Dossier.InitialStatus;
            foreach (var e in p.Events) { Assert.True(StatusTransitions.IsAllowed(status, e.Status), $"{p.Dossier.Code}: {status} -> {e.Status}"); status = e.Status; }
        });
    }

    [Fact]
    public async Task Live_codes_start_at_5001_skip_stored_ones_and_stop_when_the_day_runs_out()
    {
        var store = hub.Service<IDossierStore>();
        var day = new DateOnly(2026, 12, 1);
        const string agency = "000.00.20.H47";
        var taken = DossierCode.Format(agency, day, 5002);
        await store.TryCreateAsync(new NewDossier(taken, "2.000488", agency, hub.Time.GetUtcNow(), SubmissionChannel.Online,
            new Applicant("Nguyễn Văn A", null, null, null), null, VerticalSystems.Justice, []), null, new AuditRecord("test", "dossier.submit"));

        var codes = new DemoCodes(store, first: 5001, last: 5004);
        Assert.Equal(DossierCode.Format(agency, day, 5001), await codes.NextAsync(agency, day, default));
        Assert.Equal(DossierCode.Format(agency, day, 5003), await codes.NextAsync(agency, day, default)); // 5002 is stored
        Assert.Equal(DossierCode.Format(agency, day, 5004), await codes.NextAsync(agency, day, default));
        Assert.Null(await codes.NextAsync(agency, day, default));
        Assert.True(codes.IsExhausted(agency, day));
        // Another agency and the next day have their own sequences.
        Assert.Equal(DossierCode.Format("000.00.19.H47", day, 5001), await codes.NextAsync("000.00.19.H47", day, default));
        Assert.Equal(DossierCode.Format(agency, day.AddDays(1), 5001), await codes.NextAsync(agency, day.AddDays(1), default));
        // A restart (a new allocator) skips what is stored.
        Assert.Equal(DossierCode.Format(agency, day, 5003), await new DemoCodes(store, 5002, 5004).NextAsync(agency, day, default));
        // The real limit is what a code can carry: six digits.
        Assert.True(DossierCode.IsValid(DossierCode.Format(agency, day, DemoOptions.LastSequence)));
        Assert.False(DossierCode.IsValid(DossierCode.Format(agency, day, DemoOptions.LastSequence + 1)));
    }
}
