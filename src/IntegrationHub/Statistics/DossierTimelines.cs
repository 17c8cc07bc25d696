using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Statistics;
using IntegrationHub.Dossiers;
using S = IntegrationHub.Core.Dossiers.DossierStatus;

namespace IntegrationHub.Statistics;

/// <summary>Turns a dossier's history into what the 766 rules need: its end, its supplement pauses, its effective due date.</summary>
public static class DossierTimelines
{
    /// <summary>The first end status's time, in the order 9, then 10, then 8 or 3 (7, a withdrawal, ends nothing that is judged).</summary>
    public static DateTimeOffset? EndedAt(Dossier d) =>
        First(d, S.Resolved) ?? First(d, S.ResultReturned) ?? Earliest(First(d, S.Stopped), First(d, S.Refused));

    public static bool IsWithdrawn(Dossier d) => d.History.Any(h => h.Status == S.Withdrawn) && EndedAt(d) is null;

    /// <summary>Supplement pauses: from each status-5 event to the next event (or <paramref name="asOf"/> while still waiting).</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> SupplementPauses(Dossier d, DateTimeOffset asOf)
    {
        var pauses = new List<(DateTimeOffset, DateTimeOffset)>();
        var ordered = d.History.OrderBy(h => h.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Status != S.SupplementRequested) continue;
            var next = ordered.Skip(i + 1).FirstOrDefault(h => h.Status != S.SupplementRequested);
            var end = next?.At ?? asOf;
            if (end > ordered[i].At) pauses.Add((ordered[i].At, end));
        }
        return pauses;
    }

    public static DossierTimeline For(Dossier d, DateTimeOffset asOf, OfficeHours hours, IWorkingCalendar calendar)
    {
        var ended = EndedAt(d);
        var pauses = SupplementPauses(d, ended ?? asOf);
        DateTimeOffset? effective = d.DueAt;
        if (d.DueAt is { } due && pauses.Count > 0)
        {
            var paused = pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + DueDateCalculator.WorkingTimeBetween(p.From, p.To, hours, calendar));
            effective = DueDateCalculator.AddWorkingTime(due, paused, hours, calendar);
        }
        var supplements = d.History.Count(h => h.Status == S.SupplementRequested);
        return new DossierTimeline(d.ReceivedAt, d.DueAt, effective, ended, supplements);
    }

    /// <summary>Who holds the dossier: the official of the latest event that names one.</summary>
    public static Official? CurrentOfficial(Dossier d) => d.History.LastOrDefault(h => h.Official?.Name is not null)?.Official;

    private static DateTimeOffset? First(Dossier d, DossierStatus status) =>
        d.History.Where(h => h.Status == status).Select(h => (DateTimeOffset?)h.At).Min();

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
