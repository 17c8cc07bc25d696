using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage.Tests.Fixtures;

/// <summary>Working time as plain elapsed time: keeps store tests independent of the calendar's rules.</summary>
public sealed class ElapsedWorkingTime : IWorkingTime
{
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, OfficeHours hours) => to - from;
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours) => from + workingTime;
}
