namespace IntegrationHub.Core.Calendar;

/// <summary>
/// The Vietnamese working-day calendar: weekly rest, public holidays (some lunar), make-up days and the
/// per-year notices (days off, working Saturdays). Dates are Vietnam dates (UTC+7).
/// </summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>The year as published at GET /api/v1/public/calendar/{year}; years 1900–2100.</summary>
    CalendarYear GetYear(int year);
}

public sealed record CalendarYear(
    int Year,
    DateOnly LunarNewYear,
    DateOnly HungKingsDay,
    IReadOnlyList<DayOff> DaysOff,
    IReadOnlyList<DateOnly> WorkingSaturdays);

/// <summary>A day off that is not a weekly rest day. <see cref="LunarDate"/> is "d/M" (lunar) where the holiday is lunar.</summary>
public sealed record DayOff(DateOnly Date, string Name, string? LunarDate);
