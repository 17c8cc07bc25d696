namespace IntegrationHub.Core.Calendar.Lunar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed for UTC+7 (see <see cref="LunisolarCalculator"/>).
/// Not .NET's ChineseLunisolarCalendar: that one is for UTC+8 and differs on some dates
/// (Tết 1985: 21 January in Vietnam, 20 February in China; Tết 2030: 2 February vs 3 February).
/// Supported for Gregorian years 1900–2100.
/// <para>
/// History: Vietnam computed its lunar calendar for UTC+7 from 1968 on (the government's 1967 decision,
/// which is why North Vietnam's Tết Mậu Thân was 29 January 1968 and the South's 30 January). Dates before
/// 1 January 1968 follow the UTC+8 calendar then in use, as Hồ Ngọc Đức's published tables do; without this
/// the computation would give, e.g., Tết 1965 on 1 February instead of the 2 February people celebrated.
/// </para>
/// </summary>
public static class VietnameseLunarCalendar
{
    public const int MinYear = 1900;
    public const int MaxYear = 2100;

    /// <summary>The first day computed for UTC+7.</summary>
    public static readonly DateOnly UtcPlus7Since = new(1968, 1, 1);

    private static readonly LunisolarCalculator BeforeUtcPlus7 = new(8);

    public static LunarDate ToLunar(DateOnly date)
    {
        CheckYear(date.Year, nameof(date));
        return (date < UtcPlus7Since ? BeforeUtcPlus7 : LunisolarCalculator.Vietnam).ToLunar(date);
    }

    /// <summary>The Gregorian date of a lunar date; lunar years 1899–2100 (lunar 1899 ends in early 1900).</summary>
    /// <exception cref="ArgumentException">The month is not a leap month that year, or the day is past the month's end.</exception>
    public static DateOnly ToGregorian(LunarDate date)
    {
        if (date.Year < MinYear - 1 || date.Year > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(date), date.Year, $"Lunar years {MinYear - 1}–{MaxYear} are supported.");
        var result = Gregorian(date);
        CheckYear(result.Year, nameof(date));
        return result;
    }

    public static DateOnly ToGregorian(int year, int month, int day, bool isLeapMonth = false)
        => ToGregorian(new LunarDate(year, month, day, isLeapMonth));

    /// <summary>Tết Nguyên Đán: lunar 1/1 of <paramref name="year"/>, in Gregorian <paramref name="year"/>.</summary>
    public static DateOnly LunarNewYear(int year)
    {
        CheckYear(year, nameof(year));
        return Gregorian(new LunarDate(year, 1, 1));
    }

    /// <summary>Giỗ Tổ Hùng Vương: lunar 10/3 (of the ordinary month 3 when month 3 is repeated).</summary>
    public static DateOnly HungKingsDay(int year)
    {
        CheckYear(year, nameof(year));
        return Gregorian(new LunarDate(year, 3, 10));
    }

    /// <summary>The month repeated as a leap month in lunar year <paramref name="year"/>, or null.</summary>
    public static int? LeapMonth(int year)
    {
        CheckYear(year, nameof(year));
        return (year < UtcPlus7Since.Year ? BeforeUtcPlus7 : LunisolarCalculator.Vietnam).LeapMonth(year);
    }

    private static DateOnly Gregorian(LunarDate date)
    {
        var result = LunisolarCalculator.Vietnam.ToGregorian(date);
        return result < UtcPlus7Since ? BeforeUtcPlus7.ToGregorian(date) : result;
    }

    internal static void CheckYear(int year, string parameter)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(parameter, year, $"Years {MinYear}–{MaxYear} are supported.");
    }
}
