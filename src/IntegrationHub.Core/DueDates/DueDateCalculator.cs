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

/// <summary>One supplement pause (bổ sung): from the request to the applicant's completion.</summary>
public sealed record SupplementPause(DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Due dates under Vietnamese rules. All instants are returned with the +07:00 offset.
/// <para>
/// Working days and working hours are counted in office time, as VietOpenCPS does: the agency's office
/// sessions on working days, starting at the receipt instant. One working day is one day's office time
/// (8 hours by default), so 3 working days from Monday 09:00 end on Thursday 09:00, and 0.5 working day is
/// 4 office hours. A dossier received after hours, at lunch or on a day off starts at the next session:
/// received Monday 18:00, 3 working days end at the close of Thursday (17:00), the first instant at which
/// the agency has had three full working days (Friday 07:00 is the same office time; we give the earlier,
/// which is the one the applicant reads as "within 3 working days").
/// </para>
/// <para>
/// Calendar days follow the Civil Code 2015 (arts. 147–148): the day of receipt is not counted, the period
/// ends at the end of its last day, and a last day that is not a working day moves to the next working
/// day. "End of the day" for an agency is the close of its last session. A fractional number of calendar
/// days is rounded up.
/// </para>
/// </summary>
public static class DueDateCalculator
{
    /// <summary>The largest processing time accepted, in any unit (about 27 years of calendar days).</summary>
    public const decimal MaxValue = 10_000m;

    /// <summary>The due date of a dossier received at <paramref name="receivedAt"/>; null when the procedure has none.
    /// A dossier received after hours starts at the next working session.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative processing time, or a date past the calendar's range</exception>
    public static DateTimeOffset? Compute(DateTimeOffset receivedAt, ProcessingTime time, OfficeHours hours, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (time.Value is not { } value)
            return null;
        if (value < 0 || value > MaxValue)
            throw new ArgumentOutOfRangeException(nameof(time), value, $"A processing time is 0 to {MaxValue}.");
        var schedule = new OfficeSchedule(hours, calendar);
        return time.Unit switch
        {
            ProcessingTimeUnit.WorkingDays => Add(schedule, receivedAt, Multiply(schedule.DayLength, value), startInOffice: true),
            ProcessingTimeUnit.WorkingHours => Add(schedule, receivedAt, Multiply(TimeSpan.FromHours(1), value), startInOffice: true),
            ProcessingTimeUnit.CalendarDays => CalendarDaysDue(schedule, receivedAt, (int)Math.Ceiling(value)),
            _ => throw new ArgumentOutOfRangeException(nameof(time), time.Unit, "Unknown processing time unit."),
        };
    }

    /// <summary>Working time (office hours on working days) between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.
    /// Used for supplement pauses.</summary>
    public static TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, OfficeHours hours, IWorkingCalendar calendar)
    {
        var schedule = new OfficeSchedule(hours, calendar);
        if (to <= from)
            return TimeSpan.Zero;
        var end = OfficeSchedule.ToLocal(to);
        var total = TimeSpan.Zero;
        foreach (var (start, stop) in schedule.IntervalsFrom(OfficeSchedule.ToLocal(from)))
        {
            if (start >= end)
                break;
            total += (stop < end ? stop : end) - start;
        }
        return total;
    }

    /// <summary>
    /// Moves an instant forward by an amount of working time; used to push a due date past a supplement pause.
    /// The result is the earliest instant with that much office time since <paramref name="from"/>: when the
    /// time runs out exactly at a session's close, that close (not the next session's opening). Zero returns
    /// <paramref name="from"/> itself (in +07:00).
    /// </summary>
    public static DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours, IWorkingCalendar calendar)
    {
        if (workingTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Working time cannot be negative.");
        return Add(new OfficeSchedule(hours, calendar), from, workingTime, startInOffice: false);
    }

    /// <summary>The due date pushed back by the office time of the supplement pauses (overlaps counted once).</summary>
    public static DateTimeOffset ExtendForPauses(DateTimeOffset dueAt, IEnumerable<SupplementPause> pauses, OfficeHours hours, IWorkingCalendar calendar)
    {
        var paused = TimeSpan.Zero;
        DateTimeOffset? coveredUntil = null;
        foreach (var pause in pauses.OrderBy(p => p.From))
        {
            var from = coveredUntil is { } c && c > pause.From ? c : pause.From;
            if (pause.To > from)
            {
                paused += WorkingTimeBetween(from, pause.To, hours, calendar);
                coveredUntil = pause.To;
            }
        }
        return AddWorkingTime(dueAt, paused, hours, calendar);
    }

    /// <param name="startInOffice">for a due date: zero time still moves an after-hours instant to the next session</param>
    private static DateTimeOffset Add(OfficeSchedule schedule, DateTimeOffset from, TimeSpan workingTime, bool startInOffice)
    {
        if (workingTime == TimeSpan.Zero && !startInOffice)
            return from.ToOffset(OfficeSchedule.VietnamOffset);
        var remaining = workingTime;
        foreach (var (start, end) in schedule.IntervalsFrom(OfficeSchedule.ToLocal(from)))
        {
            var length = end - start;
            if (remaining <= length)
                return OfficeSchedule.FromLocal(start + remaining);
            remaining -= length;
        }
        throw new InvalidOperationException("unreachable: office intervals never end");
    }

    private static DateTimeOffset CalendarDaysDue(OfficeSchedule schedule, DateTimeOffset receivedAt, int days)
    {
        var last = DateOnly.FromDateTime(OfficeSchedule.ToLocal(receivedAt)).AddDays(days);
        while (!schedule.IsWorkingDay(last))
            last = last.AddDays(1);
        return OfficeSchedule.FromLocal(schedule.EndOfDay(last));
    }

    private static TimeSpan Multiply(TimeSpan unit, decimal factor)
        => TimeSpan.FromTicks((long)decimal.Round(unit.Ticks * factor, MidpointRounding.AwayFromZero));
}
