using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>
/// The period [from 00:00, day after to 00:00) in Vietnam time: the first instant is in, the end is out; an end at the
/// period's end exactly counts as an end (ended_ms &lt;= asOf), a due date at the period's end exactly is not yet overdue
/// (overdue only once asOf is past it). One dossier per boundary, each alone in its own official group.
/// </summary>
public sealed class StatsPeriodBoundaryTests
{
    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 1, 0, 0, 0, Vn);
    private static readonly DateTimeOffset PeriodEnd = new(2026, 12, 1, 0, 0, 0, Vn);
    private static readonly StatsQuery November = new(new(2026, 11, 1), new(2026, 11, 30), null, StatsGroupBy.Official);

    private int _seq;

    private async Task CreateAsync(TestStore t, string official, DateTimeOffset received, DateTimeOffset? due, DateTimeOffset? resolvedAt = null)
    {
        var code = $"{Agency}-261101-{++_seq:D4}";
        await t.Store.TryCreateAsync(Dossier(code, received, due, documents: Pdf(code)) with { DueAt = due }, null, Portal);
        Assert.Equal(AppendOutcome.Appended, (await t.Store.AppendEventAsync(code, Event($"{code}-1", DossierStatus.Received, received.AddMilliseconds(1), official),
            (_, _) => true, EventAudit())).Outcome);
        if (resolvedAt is { } at)
            Assert.Equal(AppendOutcome.Appended, (await t.Store.AppendEventAsync(code, Event($"{code}-2", DossierStatus.Resolved, at, official),
                (_, _) => true, EventAudit())).Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Period_edges_are_inclusive_at_the_start_and_exclusive_at_the_end(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var far = PeriodEnd.AddDays(20);
        await CreateAsync(t, "first instant", PeriodStart, far);
        await CreateAsync(t, "last instant", PeriodEnd.AddMilliseconds(-2), far);
        await CreateAsync(t, "just before", PeriodStart.AddMilliseconds(-1), far);
        await CreateAsync(t, "period end", PeriodEnd, far);
        await CreateAsync(t, "ended at the end", PeriodStart.AddDays(10), far, resolvedAt: PeriodEnd);
        await CreateAsync(t, "ended just after", PeriodStart.AddDays(10), far, resolvedAt: PeriodEnd.AddMilliseconds(1));
        await CreateAsync(t, "due at the end", PeriodStart.AddDays(10), PeriodEnd);
        await CreateAsync(t, "due just before", PeriodStart.AddDays(10), PeriodEnd.AddMilliseconds(-1));
        await CreateAsync(t, "late by a millisecond", PeriodStart.AddDays(10), PeriodEnd.AddDays(-2), resolvedAt: PeriodEnd.AddDays(-2).AddMilliseconds(1));
        await CreateAsync(t, "on time at the due instant", PeriodStart.AddDays(10), PeriodEnd.AddDays(-2), resolvedAt: PeriodEnd.AddDays(-2));

        var groups = (await t.Store.GetStatsAsync(November)).ToDictionary(g => g.Key,
            g => (g.Received, g.ResolvedEarly, g.ResolvedOnTime, g.ResolvedLate, g.InProgressOnTime, g.InProgressOverdue));

        Assert.Equal(["due at the end", "due just before", "ended at the end", "ended just after", "first instant", "last instant",
            "late by a millisecond", "on time at the due instant"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1L, 0L, 0L, 0L, 1L, 0L), groups["first instant"]);
        Assert.Equal((1L, 0L, 0L, 0L, 1L, 0L), groups["last instant"]);
        Assert.Equal((1L, 1L, 0L, 0L, 0L, 0L), groups["ended at the end"]);
        Assert.Equal((1L, 0L, 0L, 0L, 1L, 0L), groups["ended just after"]);
        Assert.Equal((1L, 0L, 0L, 0L, 1L, 0L), groups["due at the end"]);
        Assert.Equal((1L, 0L, 0L, 0L, 0L, 1L), groups["due just before"]);
        Assert.Equal((1L, 0L, 0L, 1L, 0L, 0L), groups["late by a millisecond"]);
        Assert.Equal((1L, 0L, 1L, 0L, 0L, 0L), groups["on time at the due instant"]);

        // The same edges for a period that ends a day earlier: the dossier ended at midnight is still open then.
        var shorter = (await t.Store.GetStatsAsync(November with { To = new(2026, 11, 29) })).ToDictionary(g => g.Key);
        Assert.Equal(1, shorter["ended at the end"].InProgressOnTime);
        Assert.False(shorter.ContainsKey("last instant"));
    }
}
