using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Statistics;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>The SQL counts must equal the on-time rules applied one dossier at a time, over random histories.</summary>
public sealed class StatsReferenceTests
{
    private static readonly string[] Agencies = ["000.00.25.H47", "000.00.19.H47", "000.00.20.H47"];

    public static TheoryData<string, StatsGroupBy> ProvidersAndGroupings()
    {
        var data = new TheoryData<string, StatsGroupBy>();
        foreach (var provider in Providers.All)
            foreach (var groupBy in new[] { StatsGroupBy.Agency, StatsGroupBy.Procedure, StatsGroupBy.Official })
                data.Add(provider, groupBy);
        return data;
    }

    /// <summary>
    /// The fast path (daily counts plus the recount of dossiers not settled at the period's end) against the rules applied
    /// one dossier at a time, over periods that end while many dossiers are still moving, long periods, and one agency.
    /// </summary>
    [Theory, MemberData(nameof(ProvidersAndGroupings))]
    public async Task Sql_counts_equal_the_rules_applied_per_dossier(string provider, StatsGroupBy groupBy)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var random = new Random(766 + (int)groupBy);
        var codes = new List<string>();
        for (var i = 1; i <= 150; i++) codes.Add(await RandomDossierAsync(t, random, i));
        var dossiers = new List<Dossier>();
        foreach (var code in codes) dossiers.Add((await t.Store.GetAsync(code))!);

        var periods = new (DateOnly From, DateOnly To, string? Agency)[]
        {
            (new(2026, 10, 1), new(2026, 10, 31), null), (new(2026, 10, 10), new(2026, 11, 5), null), (new(2026, 10, 1), new(2026, 10, 4), null),
            (new(2026, 10, 12), new(2026, 10, 12), null), (new(2026, 9, 1), new(2026, 12, 31), null), (new(2026, 10, 5), new(2026, 10, 20), Agencies[1]),
        };
        var resolved = 0L;
        foreach (var (from, to, agency) in periods)
        {
            var sql = await t.Store.GetStatsAsync(new StatsQuery(from, to, agency, groupBy));
            var expected = Expected(dossiers, from, to, agency, groupBy);

            Assert.Equal(expected, Actual(sql));
            resolved += expected.Sum(e => e.Item3 + e.Item4 + e.Item5);
        }
        Assert.True(resolved > 30, "the random set should exercise resolved dossiers");
    }

    /// <summary>The rules applied one dossier at a time: per group (key, received, early, on time, late, in progress, overdue).</summary>
    internal static List<(string Key, long Received, long Early, long OnTime, long Late, long InProgress, long Overdue)> Expected(
        IEnumerable<Dossier> dossiers, DateOnly from, DateOnly to, string? agency, StatsGroupBy groupBy)
    {
        var asOf = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Vn);
        return dossiers
            .Where(d => d.ReceivedAt >= new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Vn) && d.ReceivedAt < asOf)
            .Where(d => agency is null || d.AgencyCode == agency)
            .GroupBy(d => Key(d, groupBy))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var outcomes = g.Select(d => ReferenceRules.Classify(d, asOf)).ToList();
                return (g.Key, (long)g.Count(),
                    outcomes.LongCount(o => o == DossierOutcome.ResolvedEarly), outcomes.LongCount(o => o == DossierOutcome.ResolvedOnTime),
                    outcomes.LongCount(o => o == DossierOutcome.ResolvedLate), outcomes.LongCount(o => o == DossierOutcome.InProgressOnTime),
                    outcomes.LongCount(o => o == DossierOutcome.InProgressOverdue));
            }).ToList();
    }

    internal static List<(string Key, long Received, long Early, long OnTime, long Late, long InProgress, long Overdue)> Actual(IEnumerable<StatsGroup> sql)
        => sql.Select(s => (s.Key, s.Received, s.ResolvedEarly, s.ResolvedOnTime, s.ResolvedLate, s.InProgressOnTime, s.InProgressOverdue)).ToList();

    private static string Key(Dossier d, StatsGroupBy groupBy) => groupBy switch
    {
        StatsGroupBy.Agency => d.AgencyCode,
        StatsGroupBy.Procedure => d.ProcedureCode,
        _ => d.History.LastOrDefault(h => h.Official is not null)?.Official?.Name ?? "",
    };

    /// <summary>A dossier received at a random minute of [start, start + days) (default: 40 days from 1 Oct 2026) with up to
    /// five random events, each 30 minutes to four days after the one before.</summary>
    internal static async Task<string> RandomDossierAsync(TestStore t, Random r, int i, DateTimeOffset? start = null, int days = 40)
    {
        var agency = Agencies[r.Next(Agencies.Length)];
        var received = (start ?? new DateTimeOffset(2026, 10, 1, 7, 0, 0, Vn)).AddMinutes(r.Next(0, days * 24 * 60));
        DateTimeOffset? due = r.Next(10) == 0 ? null : received.AddHours(r.Next(4, 10 * 24));
        var code = $"{agency}-261001-{i:D4}";
        var procedure = r.Next(3) == 0 ? "2.001610" : Procedure;
        await t.Store.TryCreateAsync(Dossier(code, received, due, agency: agency, procedure: procedure, documents: Pdf(code)) with { DueAt = due }, null, Portal);
        var at = received;
        DossierStatus[] steps = [DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested,
            DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.Resolved, DossierStatus.ResultReturned,
            DossierStatus.Stopped, DossierStatus.Refused, DossierStatus.Withdrawn];
        for (var n = r.Next(0, 6); n > 0; n--)
        {
            at = at.AddMinutes(r.Next(30, 4 * 24 * 60));
            var status = steps[r.Next(steps.Length)];
            await t.Store.AppendEventAsync(code, Event($"{code}-{n}", status, at, r.Next(2) == 0 ? "Lê Văn An" : "Phạm Thị Mai"), (_, _) => true, EventAudit());
        }
        return code;
    }
}

/// <summary>
/// Core's rules one dossier at a time (<see cref="OnTimeRules.ForReport"/>), with the two things the store adds:
/// an open supplement pause stops the clock (the due date moves by the pause so far: elapsed time in these tests),
/// and a withdrawn dossier is received but not judged.
/// </summary>
internal static class ReferenceRules
{
    public static DossierOutcome? Classify(Dossier d, DateTimeOffset asOf)
    {
        var ended = d.Times.EndedAt is { } e && e <= asOf;
        if (!ended && d.Status == DossierStatus.Withdrawn) return null;
        var due = d.Times.EffectiveDueAt;
        if (!ended && due is not null && d.Times.PausedSince is { } p && p < asOf) due = due.Value + (asOf - p);
        return OnTimeRules.ForReport(new DossierTimeline(d.ReceivedAt, d.OriginalDueAt, due, d.Times.EndedAt, d.Times.SupplementCount), asOf);
    }
}
