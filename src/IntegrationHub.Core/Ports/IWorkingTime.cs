using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Ports;

/// <summary>
/// Working time under an agency's office hours, as the store needs it to push a due date past a supplement
/// pause. The production implementation is <see cref="Dossiers.CalendarWorkingTime"/> over the working-day calendar.
/// </summary>
public interface IWorkingTime
{
    TimeSpan Between(DateTimeOffset from, DateTimeOffset to, OfficeHours hours);
    DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours);
}
