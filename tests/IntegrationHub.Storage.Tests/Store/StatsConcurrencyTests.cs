using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>
/// Two hub nodes writing at once (PostgreSQL): an event moves its dossier's counts out of one stats cell and into another.
/// A supplement request moves an open dossier from "overdue-able" (bucket 4) to "in progress" (3), a resumption back; two
/// such events in opposite directions for dossiers of the same agency and month lock the same two stats_months rows in
/// opposite orders. Every event must still be applied once and the counts must still add up.
/// </summary>
public sealed class StatsConcurrencyTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Opposite_moves_between_the_same_stats_cells_from_two_nodes_all_apply(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var nodes = new[] { await t.ReopenAsync(), await t.ReopenAsync() };
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, Vn);
        const int pairs = 12;
        var codes = new List<string>();
        for (var i = 0; i < 2 * pairs; i++)
        {
            var code = $"{Agency}-261001-{i + 1:D4}";
            codes.Add(code);
            var received = start.AddDays(i % 20).AddMinutes(i);
            await t.Store.TryCreateAsync(Dossier(code, received, received.AddDays(40)) with { DueAt = received.AddDays(40) }, null, Portal);
            // Odd ones wait for a supplement (bucket 3), even ones are being processed (bucket 4).
            await t.Store.AppendEventAsync(code, Event($"{code}-1", i % 2 == 1 ? DossierStatus.SupplementRequested : DossierStatus.Processing,
                received.AddHours(1), "Lê Văn An"), (_, _) => true, EventAudit());
        }

        for (var round = 0; round < 3; round++)
        {
            // Every dossier flips (even: processing -> supplement requested; odd: back to processing), half on each node, all at once.
            var at = start.AddDays(21 + round);
            var results = await Task.WhenAll(codes.Select((code, i) => Task.Run(() => nodes[i % 2].AppendEventAsync(code,
                Event($"{code}-r{round}", (i + round) % 2 == 0 ? DossierStatus.SupplementRequested : DossierStatus.Processing, at, "Lê Văn An"),
                (_, _) => true, EventAudit()))));
            Assert.All(results, r => Assert.Equal(AppendOutcome.Appended, r.Outcome));
        }

        var dossiers = new List<Dossier>();
        foreach (var code in codes) dossiers.Add((await t.Store.GetAsync(code))!);
        foreach (var groupBy in new[] { StatsGroupBy.Agency, StatsGroupBy.Official })
            foreach (var (from, to) in new (DateOnly, DateOnly)[] { (new(2026, 10, 1), new(2026, 10, 31)), (new(2026, 10, 1), new(2026, 12, 31)) })
                Assert.Equal(StatsReferenceTests.Expected(dossiers, from, to, null, groupBy),
                    StatsReferenceTests.Actual(await t.Store.GetStatsAsync(new StatsQuery(from, to, null, groupBy))));
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }

    /// <summary>
    /// Intakes (grouped into shared transactions) on one node while events flip dossiers of the same agencies on the
    /// other. A group holds the audit head while it reaches the next dossier's agency; an event held its agency while it
    /// waited for the head: PostgreSQL killed one as a deadlock and the intake answered 500. Every write must succeed.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Grouped_intakes_and_events_on_the_same_agencies_from_two_nodes_all_succeed(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var nodes = new[] { await t.ReopenAsync(), await t.ReopenAsync() };
        var agencies = new[] { Agency, "000.00.19.H47" };
        var start = new DateTimeOffset(2026, 10, 1, 8, 0, 0, Vn);
        var existing = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var code = $"{agencies[i % 2]}-261001-{i + 1:D4}";
            existing.Add(code);
            await t.Store.TryCreateAsync(Dossier(code, start.AddMinutes(i), start.AddDays(40), agency: agencies[i % 2]), null, Portal);
        }

        for (var round = 0; round < 3; round++)
        {
            var at = start.AddDays(2 + round);
            var intakes = Enumerable.Range(0, 48).Select(i =>
            {
                var code = $"{agencies[i % 2]}-261002-{round * 100 + i + 1:D4}";
                return Task.Run(() => nodes[0].TryCreateAsync(Dossier(code, at, at.AddDays(10), agency: agencies[i % 2]), null, Portal));
            }).ToList();
            var events = existing.Select((code, i) => Task.Run(() => nodes[1].AppendEventAsync(code,
                Event($"{code}-r{round}", (i + round) % 2 == 0 ? DossierStatus.SupplementRequested : DossierStatus.Processing, at, "Lê Văn An"),
                (_, _) => true, EventAudit()))).ToList();
            Assert.All(await Task.WhenAll(intakes), r => Assert.Equal(CreateOutcome.Created, r.Outcome));
            Assert.All(await Task.WhenAll(events), r => Assert.Equal(AppendOutcome.Appended, r.Outcome));
        }
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }
}
