namespace IntegrationHub.Core.Calendar.Lunar;

/// <summary>
/// The lunisolar rules described by Hồ Ngọc Đức for the Vietnamese calendar, for any time zone:
/// a month starts on the local day that holds a new moon; month 11 is the month that holds the winter
/// solstice; when 13 months lie between two months 11, the first month after month 11 without a major
/// solar term (the Sun entering a multiple of 30° of longitude) is the leap month and repeats the number
/// of the month before it. Vietnam uses UTC+7; UTC+8 gives the Chinese calendar (used in tests as an
/// independent cross-check against .NET's ChineseLunisolarCalendar).
/// </summary>
internal sealed class LunisolarCalculator(double utcOffsetHours)
{
    // Julian day number (noon) of DateOnly.DayNumber 0, i.e. 1 January 0001 (proleptic Gregorian).
    private const int JulianDayOfDayNumberZero = 1721426;
    private readonly double _offsetDays = utcOffsetHours / 24.0;

    public static LunisolarCalculator Vietnam { get; } = new(7);

    /// <summary>The local day (DateOnly.DayNumber) holding new moon number <paramref name="k"/>.</summary>
    public int NewMoonDay(long k)
        => (int)Math.Floor(Astronomy.NewMoon(k) + _offsetDays + 0.5) - JulianDayOfDayNumberZero;

    /// <summary>The 30° sector (0–11) the Sun is in at the start (local midnight) of a day; 9 starts at the winter solstice.</summary>
    private int SunSector(int dayNumber)
        => (int)(Astronomy.SunLongitude(dayNumber + JulianDayOfDayNumberZero - 0.5 - _offsetDays) / 30.0);

    /// <summary>The number of the last new moon whose local day is on or before the given day.</summary>
    private long NewMoonOnOrBefore(int dayNumber)
    {
        long k = (long)Math.Floor((dayNumber + JulianDayOfDayNumberZero - 2451550.1) / Astronomy.SynodicMonth);
        while (NewMoonDay(k) > dayNumber) k--;
        while (NewMoonDay(k + 1) <= dayNumber) k++;
        return k;
    }

    /// <summary>The new moon that starts month 11 of Gregorian year <paramref name="year"/> (the month holding its December solstice).</summary>
    private long Month11(int year)
    {
        long k = NewMoonOnOrBefore(new DateOnly(year, 12, 31).DayNumber);
        // If the Sun had already passed 270° when this month began, the solstice fell in the month before.
        return SunSector(NewMoonDay(k)) >= 9 ? k - 1 : k;
    }

    /// <summary>The months from month 11 of <paramref name="year"/> up to (not including) month 11 of the next year.</summary>
    private Sui SuiStartingIn(int year)
    {
        long start = Month11(year);
        long end = Month11(year + 1);
        int leapIndex = -1;
        if (end - start == 13)
        {
            for (int i = 1; i < 13; i++)
            {
                // A month without a major term: the Sun is in the same sector when it starts and when the next starts.
                if (SunSector(NewMoonDay(start + i)) == SunSector(NewMoonDay(start + i + 1)))
                {
                    leapIndex = i;
                    break;
                }
            }
        }
        return new Sui(year, start, leapIndex);
    }

    public LunarDate ToLunar(DateOnly date)
    {
        int day = date.DayNumber;
        long k = NewMoonOnOrBefore(day);
        var sui = SuiStartingIn(date.Year);
        if (k < sui.Month11)
            sui = SuiStartingIn(date.Year - 1);

        int index = (int)(k - sui.Month11);
        bool leap = index == sui.LeapIndex;
        int plainIndex = sui.LeapIndex >= 0 && index >= sui.LeapIndex ? index - 1 : index;
        int month = (plainIndex + 10) % 12 + 1; // index 0 is month 11, 1 is month 12, 2 is month 1
        // Months 11 and 12 at the start of the sui still belong to the lunar year that began in its Gregorian year.
        int year = month >= 11 && index < 4 ? sui.GregorianYear : sui.GregorianYear + 1;
        return new LunarDate(year, month, day - NewMoonDay(k) + 1, leap);
    }

    public DateOnly ToGregorian(LunarDate date)
    {
        if (date.Month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(date), date.Month, "A lunar month is 1 to 12.");
        if (date.Day is < 1 or > 30)
            throw new ArgumentOutOfRangeException(nameof(date), date.Day, "A lunar day is 1 to 30.");

        var sui = SuiStartingIn(date.Month >= 11 ? date.Year : date.Year - 1);
        int index = (date.Month + 1) % 12; // month 11 -> 0, 12 -> 1, 1 -> 2, ...
        if (date.IsLeapMonth)
        {
            if (sui.LeapIndex != index + 1)
                throw new ArgumentException($"Lunar year {date.Year} has no leap month {date.Month}.", nameof(date));
            index = sui.LeapIndex;
        }
        else if (sui.LeapIndex >= 0 && index >= sui.LeapIndex)
        {
            index++;
        }

        int start = NewMoonDay(sui.Month11 + index);
        int length = NewMoonDay(sui.Month11 + index + 1) - start;
        if (date.Day > length)
            throw new ArgumentException($"Lunar month {date.Month}{(date.IsLeapMonth ? " (leap)" : "")} of {date.Year} has {length} days.", nameof(date));
        return DateOnly.FromDayNumber(start + date.Day - 1);
    }

    /// <summary>The number of the leap month of lunar year <paramref name="year"/> (the month it repeats), or null.</summary>
    public int? LeapMonth(int year)
    {
        // A lunar year's months 1–10 sit in the sui starting the year before; 11 and 12 in the sui starting in it.
        foreach (var (sui, lowestMonth) in new[] { (SuiStartingIn(year - 1), 1), (SuiStartingIn(year), 11) })
        {
            if (sui.LeapIndex < 0) continue;
            int month = (sui.LeapIndex - 1 + 10) % 12 + 1;
            bool inThisYear = lowestMonth == 1 ? month <= 10 && sui.LeapIndex >= 3 : month >= 11 && sui.LeapIndex < 3;
            if (inThisYear) return month;
        }
        return null;
    }

    /// <param name="Month11">number of the new moon starting month 11</param>
    /// <param name="LeapIndex">position of the leap month counted from month 11 (which is 0), or -1</param>
    private readonly record struct Sui(int GregorianYear, long Month11, int LeapIndex);
}
