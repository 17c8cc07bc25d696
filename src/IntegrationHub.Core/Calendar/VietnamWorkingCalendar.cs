using System.Collections.Concurrent;
using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Calendar;

/// <summary>
/// The working-day calendar of Vietnamese state agencies: Saturday and Sunday off, the statutory holidays
/// (<see cref="StatutoryHolidays"/>), a holiday on a weekly rest day made up on the next working day
/// (Labour Code 2019 art. 111(3)), then the year's notice from <see cref="CalendarOverrides"/>.
/// Years are computed once and cached; the calendar is immutable and thread-safe.
/// </summary>
public sealed class VietnamWorkingCalendar : IWorkingCalendar
{
    private const string MakeUpSuffix = " (nghỉ bù)";
    private readonly CalendarOverrides _overrides;
    private readonly ConcurrentDictionary<int, YearData> _years = new();

    /// <param name="overrides">the notices; null for the shipped ones</param>
    public VietnamWorkingCalendar(CalendarOverrides? overrides = null)
        => _overrides = overrides ?? CalendarOverrides.LoadDefault();

    /// <summary>For the host: <c>Calendar:OverridesFile</c> when set, else the shipped notices.</summary>
    public static VietnamWorkingCalendar FromOverridesFile(string? path)
        => new(string.IsNullOrWhiteSpace(path) ? CalendarOverrides.LoadDefault() : CalendarOverrides.LoadFile(path));

    public bool IsWorkingDay(DateOnly date)
    {
        var year = Year(date.Year);
        if (year.WorkingSaturdays.Contains(date)) return true;
        if (IsWeeklyRest(date)) return false;
        return !year.DaysOff.ContainsKey(date);
    }

    public CalendarYear GetYear(int year) => Year(year).Published;

    public static bool IsWeeklyRest(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private YearData Year(int year)
    {
        VietnameseLunarCalendar.CheckYear(year, nameof(year));
        return _years.GetOrAdd(year, Build);
    }

    private YearData Build(int year)
    {
        var notice = _overrides.For(year);
        var replaced = notice?.Replace ?? new Dictionary<string, IReadOnlyList<OverrideDay>>();

        var computed = StatutoryHolidays.For(year).Where(h => !replaced.ContainsKey(h.Key)).ToList();
        var fromNotice = replaced.SelectMany(r => r.Value.Select(d => FromNotice(r.Key, d))).ToList();
        var extra = (notice?.ExtraDaysOff ?? []).Select(d => new HolidayDay("extra", d.Date, d.Name ?? "Nghỉ hoán đổi", d.LunarDate)).ToList();

        var taken = new HashSet<DateOnly>(computed.Concat(fromNotice).Concat(extra).Select(d => d.Date));
        var makeUps = MakeUpDays(computed, taken);

        var all = computed.Concat(makeUps).Concat(fromNotice).Concat(extra)
            .Where(d => !IsWeeklyRest(d.Date))
            .GroupBy(d => d.Date)
            .Select(g => g.First())
            .OrderBy(d => d.Date)
            .ToList();
        var saturdays = (notice?.WorkingSaturdays ?? []).Distinct().Order().ToList();

        var published = new CalendarYear(
            year,
            VietnameseLunarCalendar.LunarNewYear(year),
            VietnameseLunarCalendar.HungKingsDay(year),
            all.Select(d => new DayOff(d.Date, d.Name, d.LunarDate)).ToList(),
            saturdays);
        return new YearData(published, all.ToDictionary(d => d.Date), saturdays.ToHashSet());
    }

    /// <summary>
    /// Each computed holiday on a Saturday or Sunday gets the next weekday that is not already off. So does a
    /// holiday falling on another holiday (Hùng Kings day on 30/4 or 1/5, as in 1947): the law grants each
    /// holiday its own day and says nothing of clashes, so we extend art. 111(3)'s logic (an assumption).
    /// </summary>
    private static List<HolidayDay> MakeUpDays(IEnumerable<HolidayDay> computed, HashSet<DateOnly> taken)
    {
        var makeUps = new List<HolidayDay>();
        var seen = new HashSet<DateOnly>();
        foreach (var holiday in computed.OrderBy(h => h.Date))
        {
            bool clash = !seen.Add(holiday.Date);
            if (!clash && !IsWeeklyRest(holiday.Date))
                continue;
            var day = holiday.Date.AddDays(1);
            while (IsWeeklyRest(day) || taken.Contains(day))
                day = day.AddDays(1);
            taken.Add(day);
            makeUps.Add(new HolidayDay(holiday.Key, day, holiday.Name + MakeUpSuffix, null));
        }
        return makeUps;
    }

    private static HolidayDay FromNotice(string key, OverrideDay day)
    {
        string? lunar = day.LunarDate;
        if (lunar is null && key is StatutoryHolidays.Tet or StatutoryHolidays.HungKings)
            lunar = VietnameseLunarCalendar.ToLunar(day.Date).DayMonth;
        return new HolidayDay(key, day.Date, day.Name ?? StatutoryHolidays.NameOf(key), lunar);
    }

    private sealed record YearData(CalendarYear Published, Dictionary<DateOnly, HolidayDay> DaysOff, HashSet<DateOnly> WorkingSaturdays);
}
