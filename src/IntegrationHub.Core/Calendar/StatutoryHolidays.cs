using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Calendar;

/// <summary>One public holiday day with the key of the holiday it belongs to (the keys the overrides file uses).</summary>
public sealed record HolidayDay(string Key, DateOnly Date, string Name, string? LunarDate);

/// <summary>
/// The public holidays of Labour Code 2019 art. 112(1), computed for a year, before make-up days and before
/// the year's notice: 1/1; Tết (5 days: the last day of the lunar year and 1–4 of month 1); Hùng Kings day
/// (lunar 10/3); 30/4; 1/5; National Day 2/9 and one adjacent day.
/// </summary>
public static class StatutoryHolidays
{
    public const string NewYear = "newYear";
    public const string Tet = "tet";
    public const string HungKings = "hungKings";
    public const string Reunification = "reunification";
    public const string Labour = "labour";
    public const string NationalDay = "nationalDay";

    public static IReadOnlyList<string> Keys { get; } = [NewYear, Tet, HungKings, Reunification, Labour, NationalDay];

    public static string NameOf(string key) => key switch
    {
        NewYear => "Tết Dương lịch",
        Tet => "Tết Nguyên Đán",
        HungKings => "Giỗ Tổ Hùng Vương",
        Reunification => "Ngày Giải phóng miền Nam, thống nhất đất nước",
        Labour => "Ngày Quốc tế Lao động",
        NationalDay => "Quốc khánh",
        _ => throw new ArgumentException($"Unknown holiday '{key}'.", nameof(key)),
    };

    public static IReadOnlyList<HolidayDay> For(int year)
    {
        VietnameseLunarCalendar.CheckYear(year, nameof(year));
        var days = new List<HolidayDay> { Fixed(NewYear, new DateOnly(year, 1, 1)) };

        var tet = VietnameseLunarCalendar.LunarNewYear(year);
        for (int offset = -1; offset <= 3; offset++)
            days.Add(Lunar(Tet, tet.AddDays(offset)));

        days.Add(Lunar(HungKings, VietnameseLunarCalendar.HungKingsDay(year)));
        days.Add(Fixed(Reunification, new DateOnly(year, 4, 30)));
        days.Add(Fixed(Labour, new DateOnly(year, 5, 1)));

        var nationalDay = new DateOnly(year, 9, 2);
        days.Add(Fixed(NationalDay, nationalDay));
        days.Add(Fixed(NationalDay, NationalDayAdjacent(nationalDay)));
        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }

    /// <summary>
    /// The law says "2/9 and one adjacent day, before or after"; the government picks it each year. This
    /// default reproduces the notices of 2021–2025: the side that joins 2/9 to a weekend (3/9 when 2/9 is a
    /// Monday or Thursday, 1/9 when it is a Tuesday, Friday or Saturday), 1/9 for a Wednesday (as the 2026
    /// notice) and 3/9 for a Sunday. A notice in the overrides file replaces it.
    /// </summary>
    internal static DateOnly NationalDayAdjacent(DateOnly nationalDay) => nationalDay.DayOfWeek switch
    {
        DayOfWeek.Monday or DayOfWeek.Thursday or DayOfWeek.Sunday => nationalDay.AddDays(1),
        _ => nationalDay.AddDays(-1),
    };

    private static HolidayDay Fixed(string key, DateOnly date) => new(key, date, NameOf(key), null);

    internal static HolidayDay Lunar(string key, DateOnly date)
        => new(key, date, NameOf(key), VietnameseLunarCalendar.ToLunar(date).DayMonth);
}
