using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Core.Dossiers;

/// <summary>Working time over the Vietnamese working-day calendar (delegates to <see cref="DueDateCalculator"/>).</summary>
public sealed class CalendarWorkingTime(IWorkingCalendar calendar) : IWorkingTime
{
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, OfficeHours hours)
        => DueDateCalculator.WorkingTimeBetween(from, to, hours, calendar);

    public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours)
        => DueDateCalculator.AddWorkingTime(from, workingTime, hours, calendar);
}
