using System.Globalization;
using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Tests.Calendar;

public class LunarCalendarTests
{
    // DOMAIN.md: Tết (lunar 1/1) and Hùng Kings day (lunar 10/3), Vietnam.
    public static TheoryData<int, string, string> DomainTable => new()
    {
        { 2019, "2019-02-05", "2019-04-14" }, { 2020, "2020-01-25", "2020-04-02" },
        { 2021, "2021-02-12", "2021-04-21" }, { 2022, "2022-02-01", "2022-04-10" },
        { 2023, "2023-01-22", "2023-04-29" }, { 2024, "2024-02-10", "2024-04-18" },
        { 2025, "2025-01-29", "2025-04-07" }, { 2026, "2026-02-17", "2026-04-26" },
        { 2027, "2027-02-06", "2027-04-16" }, { 2028, "2028-01-26", "2028-04-04" },
        { 2029, "2029-02-13", "2029-04-23" }, { 2030, "2030-02-02", "2030-04-12" },
    };

    [Theory]
    [MemberData(nameof(DomainTable))]
    public void Tet_and_Hung_Kings_day_match_the_published_table(int year, string tet, string hungKings)
    {
        Assert.Equal(DateOnly.Parse(tet, CultureInfo.InvariantCulture), VietnameseLunarCalendar.LunarNewYear(year));
        Assert.Equal(DateOnly.Parse(hungKings, CultureInfo.InvariantCulture), VietnameseLunarCalendar.HungKingsDay(year));
    }

    // Well-known Tết dates in Vietnam, including the years where UTC+7 parts from China's UTC+8 calendar.
    [Theory]
    [InlineData(1968, "1968-01-29")] // North Vietnam's Tết Mậu Thân (already on UTC+7); the South kept 30 January
    [InlineData(1985, "1985-01-21")] // Tết Ất Sửu: a month before China's (20 February)
    [InlineData(2000, "2000-02-05")]
    [InlineData(2007, "2007-02-17")] // China: 18 February
    [InlineData(2010, "2010-02-14")]
    [InlineData(2015, "2015-02-19")]
    [InlineData(2017, "2017-01-28")]
    [InlineData(2018, "2018-02-16")]
    public void Tet_falls_on_the_well_known_Vietnamese_date(int year, string expected)
        => Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.LunarNewYear(year));

    [Fact]
    public void Tet_2030_is_a_day_before_the_Chinese_new_year()
    {
        var chinese = new ChineseLunisolarCalendar().ToDateTime(2030, 1, 1, 0, 0, 0, 0);
        Assert.Equal(new DateOnly(2030, 2, 3), DateOnly.FromDateTime(chinese));
        Assert.Equal(new DateOnly(2030, 2, 2), VietnameseLunarCalendar.LunarNewYear(2030));
    }

    [Fact]
    public void Last_day_of_the_lunar_year_before_Tet_2025_is_the_29th()
        => Assert.Equal(new LunarDate(2024, 12, 29), VietnameseLunarCalendar.ToLunar(new DateOnly(2025, 1, 28)));

    [Fact]
    public void Leap_month_2023_is_a_second_month_2()
    {
        // Quý Mão 2023 repeated month 2: leap 1/2 was 22 March 2023.
        Assert.Equal(2, VietnameseLunarCalendar.LeapMonth(2023));
        Assert.Equal(new LunarDate(2023, 2, 1, IsLeapMonth: true), VietnameseLunarCalendar.ToLunar(new DateOnly(2023, 3, 22)));
        Assert.Equal(new DateOnly(2023, 3, 22), VietnameseLunarCalendar.ToGregorian(2023, 2, 1, isLeapMonth: true));
        Assert.Null(VietnameseLunarCalendar.LeapMonth(2024));
    }

    [Fact]
    public void A_leap_month_that_does_not_exist_is_refused()
        => Assert.Throws<ArgumentException>(() => VietnameseLunarCalendar.ToGregorian(2024, 5, 1, isLeapMonth: true));

    [Fact]
    public void Day_30_of_a_29_day_month_is_refused()
        => Assert.Throws<ArgumentException>(() => VietnameseLunarCalendar.ToGregorian(2024, 12, 30));

    [Theory]
    [InlineData(1899)]
    [InlineData(2101)]
    public void Years_outside_1900_to_2100_are_refused(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LunarNewYear(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToLunar(new DateOnly(year, 6, 1)));
    }

    [Fact]
    public void Every_day_from_1900_to_2100_round_trips_and_days_count_up_by_one()
    {
        var previous = VietnameseLunarCalendar.ToLunar(new DateOnly(1900, 1, 1));
        for (var date = new DateOnly(1900, 1, 2); date <= new DateOnly(2100, 12, 31); date = date.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.ToLunar(date);
            if (lunar.Day == 1)
                Assert.InRange(previous.Day, 29, 30);
            else
                Assert.Equal(previous with { Day = previous.Day + 1 }, lunar);
            if (lunar.Day == 1 && !lunar.IsLeapMonth)
                Assert.Equal(date, VietnameseLunarCalendar.ToGregorian(lunar));
            previous = lunar;
        }
    }

    /// <summary>
    /// Independent cross-check: the same rules at UTC+8 must give .NET's table-driven Chinese calendar
    /// (which comes from another source: Chinese almanac data). Every month start of 1929–2099 is compared
    /// (before 1929 China's almanac used Beijing local mean time and other conventions). One month is excused: the new moon of
    /// 28 September 2057 falls 3 seconds before midnight UTC+8, closer than either computation's accuracy.
    /// </summary>
    [Fact]
    public void The_same_rules_at_UTC_plus_8_reproduce_the_Chinese_calendar()
    {
        var china = new ChineseLunisolarCalendar();
        var calculator = new LunisolarCalculator(8);
        var mismatches = new List<string>();
        for (int year = 1929; year <= 2099; year++)
        {
            int leap = china.GetLeapMonth(year); // position (1–13) of the leap month, 0 if none
            for (int m = 1; m <= china.GetMonthsInYear(year); m++)
            {
                var expected = DateOnly.FromDateTime(china.ToDateTime(year, m, 1, 0, 0, 0, 0));
                bool isLeap = leap > 0 && m == leap;
                int month = leap > 0 && m >= leap ? m - 1 : m;
                var actual = calculator.ToGregorian(new LunarDate(year, month, 1, isLeap));
                if (actual != expected && !(year == 2057 && month == 9))
                    mismatches.Add($"{year} month {month}{(isLeap ? "n" : "")}: {actual} vs {expected}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>
    /// Independent cross-check against Hồ Ngọc Đức's own published tables (Calendar/Data): every month start
    /// 1900–2100. Six months are excused, each a new moon within minutes of local midnight, where the two
    /// computations legitimately part (ours: Meeus ch. 49 with planetary terms; his tables an older series):
    /// 1906-04, 1914-11, 1916-02, 1920-11 (new moon 00:01–00:07 UTC+8; his tables agree with China's old
    /// local-mean-time almanac there), 1925-01 (new moon 22:45 UTC+8 on the 24th: we start the month that
    /// day) and 2054-05 (new moon 00:00:22 UTC+7 on 8 May, 22 seconds past midnight).
    /// </summary>
    [Fact]
    public void Month_starts_match_Ho_Ngoc_Duc_published_tables_1900_to_2100()
    {
        string[] excused = ["1906-04-", "1914-11-", "1916-02-", "1920-11-", "1925-01-", "2054-05-"];
        var path = Path.Combine(AppContext.BaseDirectory, "Calendar", "Data", "hnd-month-starts-1900-2100.txt");
        var mismatches = new List<string>();
        int compared = 0;
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            if (excused.Any(parts[0].StartsWith))
                continue;
            var date = DateOnly.Parse(parts[0], CultureInfo.InvariantCulture);
            var actual = VietnameseLunarCalendar.ToLunar(date).ToString();
            if (actual != parts[1])
                mismatches.Add($"{parts[0]}: {actual}, published {parts[1]}");
            compared++;
        }
        Assert.True(compared > 2400, $"only {compared} month starts read");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [InlineData(1965, "1965-02-02")] // before 1968: the UTC+8 calendar then in use (UTC+7 would say 1 February)
    [InlineData(1967, "1967-02-09")]
    public void Before_1968_Tet_follows_the_UTC_plus_8_calendar_then_in_use(int year, string expected)
        => Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), VietnameseLunarCalendar.LunarNewYear(year));
}
