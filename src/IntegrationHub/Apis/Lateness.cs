using IntegrationHub.Core.Calendar;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Apis;

/// <summary>How late a dossier or a step is, in the working days a leader counts.</summary>
public static class Lateness
{
    /// <summary>
    /// The working days (Vietnam dates, per the working-day calendar) after the due date's own day, up to and including
    /// the day of <paramref name="until"/>: due Thursday, ended Friday is 1; ended later on the due day is 0 (late, but
    /// within the day); no due date, or not after it, is 0.
    /// </summary>
    public static int WorkingDaysLate(DateTimeOffset? due, DateTimeOffset until, IWorkingCalendar calendar)
    {
        if (due is not { } d || until <= d) return 0;
        var first = DateOnly.FromDateTime(d.ToVietnam().DateTime).AddDays(1);
        var last = DateOnly.FromDateTime(until.ToVietnam().DateTime);
        var days = 0;
        // The calendar covers 1900–2100; a due date is never outside it (intake refuses such dates).
        for (var day = first; day <= last; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) days++;
        return days;
    }
}
