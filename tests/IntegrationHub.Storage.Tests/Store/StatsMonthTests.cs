using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Sql;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>
/// Whole months come from stats_months (migration 0008), the days around them from stats_days. Periods that start or end
/// mid-month, cover whole months exactly or cross a leap day, and dossiers that settle months after their receipt, must
/// give the numbers of the rules applied one dossier at a time; a database upgraded to 0008 must give the same numbers.
/// </summary>
public sealed class StatsMonthTests
{
    private static readonly (DateOnly From, DateOnly To)[] Periods =
    [
        (new(2028, 2, 1), new(2028, 2, 29)),   // exactly one whole month, a leap February
        (new(2028, 1, 1), new(2028, 3, 31)),   // exactly three whole months
        (new(2028, 1, 15), new(2028, 3, 10)),  // starts and ends mid-month, February whole between
        (new(2028, 1, 31), new(2028, 3, 1)),   // a day, a whole month, a day
        (new(2028, 2, 10), new(2028, 2, 20)),  // inside one month
        (new(2028, 2, 1), new(2028, 2, 28)),   // stops the day before the leap day: February is not whole
        (new(2028, 2, 29), new(2028, 2, 29)),  // the leap day alone
        (new(2028, 2, 29), new(2028, 3, 31)),  // from the leap day, March whole
        (new(2028, 2, 15), new(2028, 4, 14)),  // mid-month to mid-month, March whole
        (new(2027, 12, 1), new(2028, 12, 31)), // across the year's end, long
    ];

    public static TheoryData<string, StatsGroupBy> ProvidersAndGroupings() => StatsReferenceTests.ProvidersAndGroupings();

    [Theory, MemberData(nameof(ProvidersAndGroupings))]
    public async Task Periods_across_month_edges_equal_the_rules_applied_per_dossier(string provider, StatsGroupBy groupBy)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var dossiers = await SeedAsync(t, new Random(2028 + (int)groupBy));

        foreach (var (from, to) in Periods)
        {
            var expected = StatsReferenceTests.Expected(dossiers, from, to, null, groupBy);
            Assert.Equal(expected, StatsReferenceTests.Actual(await t.Store.GetStatsAsync(new StatsQuery(from, to, null, groupBy))));
        }
        // One agency, mid-month to mid-month.
        var agency = dossiers[0].AgencyCode;
        Assert.Equal(StatsReferenceTests.Expected(dossiers, new(2028, 1, 20), new(2028, 3, 5), agency, groupBy),
            StatsReferenceTests.Actual(await t.Store.GetStatsAsync(new StatsQuery(new(2028, 1, 20), new(2028, 3, 5), agency, groupBy))));
    }

    /// <summary>The hand-made edge dossiers land where their Vietnam receipt day says, whichever side of the month they are.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_dossier_at_a_month_edge_counts_in_its_Vietnam_month(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await SeedEdgesAsync(t);

        async Task<long> Received(DateOnly from, DateOnly to)
            => (await t.Store.GetStatsAsync(new StatsQuery(from, to, null, StatsGroupBy.Agency))).Sum(g => g.Received);

        Assert.Equal(1, await Received(new(2028, 1, 1), new(2028, 1, 31)));  // 31 Jan 23:59 (16:59 UTC)
        Assert.Equal(4, await Received(new(2028, 2, 1), new(2028, 2, 29)));  // 1 Feb 00:00 (31 Jan 17:00 UTC), the settled-later one, both leap-day ones
        Assert.Equal(2, await Received(new(2028, 2, 29), new(2028, 2, 29)));
        Assert.Equal(1, await Received(new(2028, 3, 1), new(2028, 3, 31)));
        Assert.Equal(6, await Received(new(2028, 1, 31), new(2028, 3, 1)));

        // Received in February, resolved on time in April: in progress at the end of February and of March, on time after.
        var settledLater = new StatsQuery(new(2028, 2, 1), new(2028, 2, 29), null, StatsGroupBy.Official);
        Assert.Equal(1, Single(await t.Store.GetStatsAsync(settledLater), "settled in April").InProgressOnTime);
        Assert.Equal(1, Single(await t.Store.GetStatsAsync(settledLater with { To = new(2028, 3, 31) }), "settled in April").InProgressOnTime);
        Assert.Equal(1, Single(await t.Store.GetStatsAsync(settledLater with { To = new(2028, 4, 30) }), "settled in April").ResolvedOnTime);
    }

    /// <summary>
    /// A database from before 0008 with data, upgraded: 0008 only adds stats_months, so dropping it (and its version row) from
    /// a database the store wrote gives exactly the database before 0008; reopening runs 0008, whose backfill must give the
    /// same numbers.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_database_upgraded_to_0008_gives_the_same_numbers(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var dossiers = await SeedAsync(t, new Random(7));
        var groupings = new[] { StatsGroupBy.Agency, StatsGroupBy.Procedure, StatsGroupBy.Official };
        var before = new List<IReadOnlyList<StatsGroup>>();
        foreach (var groupBy in groupings)
            foreach (var (from, to) in Periods)
                before.Add(await t.Store.GetStatsAsync(new StatsQuery(from, to, null, groupBy)));

        await t.ExecuteAsync("DROP TABLE stats_months");
        await t.ExecuteAsync("DELETE FROM schema_versions WHERE version = 8");
        var upgraded = await t.ReopenAsync();

        Assert.Equal(1, await t.CountAsync("schema_versions", "version = 8"));
        // Backfilled: every dossier once per grouping, all received from December 2027 to April 2028.
        Assert.Equal(3L * dossiers.Count, await SumAsync(t, "SELECT SUM(n) FROM stats_months WHERE month BETWEEN 202712 AND 202804"));
        var i = 0;
        foreach (var groupBy in groupings)
            foreach (var (from, to) in Periods)
            {
                var after = await upgraded.GetStatsAsync(new StatsQuery(from, to, null, groupBy));
                Assert.Equal(before[i++], after);
                Assert.Equal(StatsReferenceTests.Expected(dossiers, from, to, null, groupBy), StatsReferenceTests.Actual(after));
            }

        // And the upgraded store keeps stats_months up to date on later writes.
        var code = $"{Agency}-280210-9999";
        await upgraded.TryCreateAsync(Dossier(code, new DateTimeOffset(2028, 2, 10, 9, 0, 0, Vn), new DateTimeOffset(2028, 2, 20, 9, 0, 0, Vn)), null, Portal);
        await upgraded.AppendEventAsync(code, Event($"{code}-1", DossierStatus.Resolved, new DateTimeOffset(2028, 2, 12, 9, 0, 0, Vn), "after the upgrade"),
            (_, _) => true, EventAudit());
        var february = await upgraded.GetStatsAsync(new StatsQuery(new(2028, 2, 1), new(2028, 2, 29), null, StatsGroupBy.Official));
        Assert.Equal(1, Single(february, "after the upgrade").ResolvedEarly);
    }

    [Fact]
    public void A_period_splits_into_edge_days_and_whole_months()
    {
        static long Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

        // 15 Jan .. 10 Mar 2028 (end exclusive 11 Mar): 15-31 Jan, February whole, 1-10 Mar.
        Assert.Equal(new StatsSql.Span(Day(2028, 1, 15), Day(2028, 2, 1), 202802, 202803, Day(2028, 3, 1), Day(2028, 3, 11)),
            StatsSql.Split(Day(2028, 1, 15), Day(2028, 3, 11)));
        // Exactly the year 2028: twelve whole months, no edge days.
        Assert.Equal(new StatsSql.Span(Day(2028, 1, 1), Day(2028, 1, 1), 202801, 202901, Day(2029, 1, 1), Day(2029, 1, 1)),
            StatsSql.Split(Day(2028, 1, 1), Day(2029, 1, 1)));
        // 1..28 Feb 2028 is not February whole (29 days): all edge days.
        Assert.Equal(new StatsSql.Span(Day(2028, 2, 1), Day(2028, 2, 29), 0, 0, Day(2028, 2, 29), Day(2028, 2, 29)),
            StatsSql.Split(Day(2028, 2, 1), Day(2028, 2, 29)));
        // December to January across the year's end, from mid-December: January whole.
        Assert.Equal(new StatsSql.Span(Day(2027, 12, 20), Day(2028, 1, 1), 202801, 202802, Day(2028, 2, 1), Day(2028, 2, 2)),
            StatsSql.Split(Day(2027, 12, 20), Day(2028, 2, 2)));
    }

    private static StatsGroup Single(IReadOnlyList<StatsGroup> groups, string key) => Assert.Single(groups, g => g.Key == key);

    private static async Task<long> SumAsync(TestStore t, string sql)
    {
        await using var c = await t.Store.Dialect.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, sql);
    }

    /// <summary>150 random dossiers received from 20 Dec 2027 over 110 days (events up to three weeks later), and the edge ones.</summary>
    private static async Task<List<Dossier>> SeedAsync(TestStore t, Random random)
    {
        var codes = new List<string>();
        for (var i = 1; i <= 150; i++)
            codes.Add(await StatsReferenceTests.RandomDossierAsync(t, random, i, new DateTimeOffset(2027, 12, 20, 0, 0, 0, Vn), days: 110));
        codes.AddRange(await SeedEdgesAsync(t));
        var dossiers = new List<Dossier>();
        foreach (var code in codes) dossiers.Add((await t.Store.GetAsync(code))!);
        return dossiers;
    }

    private static async Task<List<string>> SeedEdgesAsync(TestStore t)
    {
        var codes = new List<string>();
        async Task Create(string official, DateTimeOffset received, DateTimeOffset due, DossierStatus? then = null, DateTimeOffset? at = null)
        {
            var code = $"{Agency}-280201-{9000 + codes.Count}";
            codes.Add(code);
            await t.Store.TryCreateAsync(Dossier(code, received, due) with { DueAt = due }, null, Portal);
            await t.Store.AppendEventAsync(code, Event($"{code}-1", DossierStatus.Received, received.AddMinutes(1), official), (_, _) => true, EventAudit());
            if (then is { } status)
                await t.Store.AppendEventAsync(code, Event($"{code}-2", status, at!.Value, official), (_, _) => true, EventAudit());
        }

        await Create("last minute of January", new DateTimeOffset(2028, 1, 31, 23, 59, 0, Vn), new DateTimeOffset(2028, 2, 3, 17, 0, 0, Vn));
        await Create("first instant of February", new DateTimeOffset(2028, 2, 1, 0, 0, 0, Vn), new DateTimeOffset(2028, 2, 3, 17, 0, 0, Vn),
            DossierStatus.Resolved, new DateTimeOffset(2028, 3, 2, 9, 0, 0, Vn));
        await Create("settled in April", new DateTimeOffset(2028, 2, 10, 9, 0, 0, Vn), new DateTimeOffset(2028, 4, 20, 17, 0, 0, Vn),
            DossierStatus.Resolved, new DateTimeOffset(2028, 4, 20, 14, 0, 0, Vn));
        await Create("leap day", new DateTimeOffset(2028, 2, 29, 0, 0, 0, Vn), new DateTimeOffset(2028, 3, 1, 0, 0, 0, Vn));
        await Create("leap day's last minute", new DateTimeOffset(2028, 2, 29, 23, 59, 0, Vn), new DateTimeOffset(2028, 3, 15, 0, 0, 0, Vn),
            DossierStatus.Withdrawn, new DateTimeOffset(2028, 3, 2, 0, 0, 0, Vn));
        await Create("first instant of March", new DateTimeOffset(2028, 3, 1, 0, 0, 0, Vn), new DateTimeOffset(2028, 3, 1, 8, 0, 0, Vn));
        return codes;
    }
}
