using IntegrationHub.Core.Calendar;

namespace IntegrationHub.Core.DueDates;

/// <summary>
/// An agency's office time: its sessions on the calendar's working days, in Vietnam local time
/// (UTC+7, no daylight saving). Times are handled as local <see cref="DateTime"/>s inside, +07:00 outside.
/// </summary>
internal sealed class OfficeSchedule
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private readonly IReadOnlyList<OfficeSession> _sessions;
    private readonly IWorkingCalendar _calendar;

    public OfficeSchedule(OfficeHours hours, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(calendar);
        _sessions = Check(hours);
        _calendar = calendar;
        DayLength = TimeSpan.FromTicks(_sessions.Sum(s => (s.End - s.Start).Ticks));
    }

    /// <summary>Office time in one working day (8 hours by default).</summary>
    public TimeSpan DayLength { get; }

    public IReadOnlyList<OfficeSession> Sessions => _sessions;

    public static DateTime ToLocal(DateTimeOffset instant) => instant.ToOffset(VietnamOffset).DateTime;

    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnamOffset);

    public bool IsWorkingDay(DateOnly date) => _calendar.IsWorkingDay(date);

    /// <summary>The office intervals from <paramref name="local"/> on, in order, the first one clipped to start at it.
    /// Endless: the calendar's year range (1900–2100) ends it with ArgumentOutOfRangeException.</summary>
    public IEnumerable<(DateTime Start, DateTime End)> IntervalsFrom(DateTime local)
    {
        for (var date = DateOnly.FromDateTime(local); ; date = date.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(date))
                continue;
            foreach (var session in _sessions)
            {
                var start = date.ToDateTime(session.Start);
                var end = date.ToDateTime(session.End);
                if (end <= local)
                    continue;
                yield return (start < local ? local : start, end);
            }
        }
    }

    /// <summary>The end of the last session of <paramref name="date"/>.</summary>
    public DateTime EndOfDay(DateOnly date) => date.ToDateTime(_sessions[^1].End);

    private static IReadOnlyList<OfficeSession> Check(OfficeHours hours)
    {
        var sessions = hours.Sessions ?? throw new ArgumentException("Office hours need at least one session.", nameof(hours));
        if (sessions.Count == 0)
            throw new ArgumentException("Office hours need at least one session.", nameof(hours));
        for (int i = 0; i < sessions.Count; i++)
        {
            if (sessions[i] is null || sessions[i].Start >= sessions[i].End)
                throw new ArgumentException($"Office session {i + 1} must start before it ends.", nameof(hours));
            if (i > 0 && sessions[i].Start < sessions[i - 1].End)
                throw new ArgumentException($"Office session {i + 1} must start after session {i} ends.", nameof(hours));
        }
        return sessions;
    }
}
