using IntegrationHub.Core.Statistics;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Statistics;

public sealed record StatsGroup(string Key, string Name, int Received, int ResolvedEarly, int ResolvedOnTime, int ResolvedLate,
    int InProgressOnTime, int InProgressOverdue, double? OnTimeRate);

public sealed record StatsAnswer(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<StatsGroup> Groups);

/// <summary>
/// GET /public/stats under the 766 rules: received in the period; resolved (early, on time, late) when the end falls
/// in the period; in progress (on time, overdue) when open at the period's end. The on-time rate counts what is
/// within time (early, on time, in progress on time) over everything judged.
/// </summary>
public sealed class TransparencyStatistics(IHubStore store, DueDates dueDates)
{
    public static readonly string[] Groupings = ["agency", "procedure", "official"];

    public async Task<StatsAnswer> ComputeAsync(DateOnly from, DateOnly to, string? agency, string groupBy, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Instants.Vietnam);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Instants.Vietnam).AddTicks(-1);
        var dossiers = await store.DossiersForStatisticsAsync(start, end, agency, ct);
        var procedureNames = (await store.ProceduresAsync(ct)).ToDictionary(p => p.Code, p => p.Name);
        var counters = new Dictionary<string, Counter>();

        foreach (var d in dossiers)
        {
            var (key, name) = groupBy switch
            {
                "procedure" => (d.ProcedureCode, procedureNames.GetValueOrDefault(d.ProcedureCode, d.ProcedureCode)),
                "official" => DossierTimelines.CurrentOfficial(d)?.Name is { } o ? (o, o) : ("", "(chưa phân công)"),
                _ => (d.AgencyCode, (await store.FindAgencyAsync(d.AgencyCode, ct))?.Name ?? d.AgencyCode),
            };
            if (!counters.TryGetValue(key, out var c)) counters[key] = c = new Counter(key, name);
            if (d.ReceivedAt >= start && d.ReceivedAt <= end) c.Received++;
            if (DossierTimelines.IsWithdrawn(d)) continue;

            var hours = (await store.FindAgencyAsync(d.AgencyCode, ct))?.OfficeHours ?? Core.DueDates.OfficeHours.Default;
            var timeline = DossierTimelines.For(d, end, hours, dueDates.Calendar);
            var endedInPeriod = timeline.EndedAt is { } e && e >= start && e <= end;
            var openAtEnd = timeline.EndedAt is null || timeline.EndedAt > end;
            if (!endedInPeriod && !openAtEnd) continue;
            if (openAtEnd) timeline = timeline with { EndedAt = null };
            switch (OnTimeRules.Classify(timeline, end))
            {
                case DossierOutcome.ResolvedEarly: c.Early++; break;
                case DossierOutcome.ResolvedOnTime: c.OnTime++; break;
                case DossierOutcome.ResolvedLate: c.Late++; break;
                case DossierOutcome.InProgressOnTime: c.InProgressOnTime++; break;
                case DossierOutcome.InProgressOverdue: c.Overdue++; break;
                case DossierOutcome.NoDueDate when openAtEnd: c.InProgressOnTime++; break;
                case DossierOutcome.NoDueDate: c.OnTime++; break;
            }
        }
        var groups = counters.Values.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.ToGroup()).ToList();
        return new StatsAnswer(from, to, groupBy, groups);
    }

    private sealed class Counter(string key, string name)
    {
        public string Key => key;
        public int Received, Early, OnTime, Late, InProgressOnTime, Overdue;

        public StatsGroup ToGroup()
        {
            var judged = Early + OnTime + Late + InProgressOnTime + Overdue;
            double? rate = judged == 0 ? null : Math.Round((double)(Early + OnTime + InProgressOnTime) / judged, 4);
            return new StatsGroup(key, name, Received, Early, OnTime, Late, InProgressOnTime, Overdue, rate);
        }
    }
}
