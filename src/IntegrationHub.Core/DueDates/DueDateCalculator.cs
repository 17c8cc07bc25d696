using IntegrationHub.Core.Calendar;

namespace IntegrationHub.Core.DueDates;

public enum ProcessingTimeUnit { WorkingDays, WorkingHours, CalendarDays }

/// <summary>A procedure's processing time; a null value means the procedure has no due date.</summary>
public sealed record ProcessingTime(decimal? Value, ProcessingTimeUnit Unit);

/// <summary>An agency's office sessions in Vietnam time, e.g. 07:00–11:30 and 13:30–17:00.</summary>
public sealed record OfficeHours(IReadOnlyList<OfficeSession> Sessions)
{
    public static OfficeHours Default { get; } = new([new(new(7, 0), new(11, 30)), new(new(13, 30), new(17, 0))]);
}

public sealed record OfficeSession(TimeOnly Start, TimeOnly End);

/// <summary>
/// Due dates under Vietnamese rules. All instants are returned with the +07:00 offset.
/// STUB: signatures fixed by the lead; the Core helper implements them.
/// </summary>
public static class DueDateCalculator
{
    /// <summary>The due date of a dossier received at <paramref name="receivedAt"/>; null when the procedure has none.
    /// A dossier received after hours starts at the next working session.</summary>
    public static DateTimeOffset? Compute(DateTimeOffset receivedAt, ProcessingTime time, OfficeHours hours, IWorkingCalendar calendar)
        => throw new NotImplementedException();

    /// <summary>Working time (office hours on working days) between two instants; used for supplement pauses.</summary>
    public static TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, OfficeHours hours, IWorkingCalendar calendar)
        => throw new NotImplementedException();

    /// <summary>Moves an instant forward by an amount of working time; used to push a due date past a supplement pause.</summary>
    public static DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours, IWorkingCalendar calendar)
        => throw new NotImplementedException();
}
