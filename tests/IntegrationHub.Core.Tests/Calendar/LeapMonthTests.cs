using System.Globalization;
using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Tests.Calendar;

/// <summary>Leap months and month lengths, cross-checked against .NET's Chinese calendar and against ToLunar (found by mutation testing).</summary>
public class LeapMonthTests
{
    [Fact]
    public void Leap_months_at_UTC_plus_8_are_those_of_the_Chinese_calendar()
    {
        var china = new ChineseLunisolarCalendar();
        var calculator = new LunisolarCalculator(8);
        for (int year = 1929; year <= 2099; year++)
        {
            int position = china.GetLeapMonth(year); // the leap month's position 1–13: it repeats month position - 1
            int? expected = position == 0 ? null : position - 1;
            if (year == 2057) continue; // the new moon 3 s before midnight (see LunarCalendarTests)
            Assert.True(expected == calculator.LeapMonth(year), $"{year}: {calculator.LeapMonth(year)} vs {expected}");
        }
    }

    [Theory]
    [InlineData(2033, 11)] // a leap month 11: it lies in the sui that starts in the lunar year itself
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2024, null)]
    public void Leap_months_of_known_years(int year, int? month)
        => Assert.Equal(month, VietnameseLunarCalendar.LeapMonth(year));

    [Fact]
    public void Leap_month_agrees_with_the_days_ToLunar_marks_as_leap_1900_to_2100()
    {
        var leapByYear = new Dictionary<int, int>();
        for (var d = new DateOnly(1900, 1, 1); d.Year <= 2100; d = d.AddDays(15))
        {
            var lunar = VietnameseLunarCalendar.ToLunar(d);
            if (lunar.IsLeapMonth) leapByYear[lunar.Year] = lunar.Month;
        }
        for (int year = 1901; year <= 2099; year++)
            Assert.True((leapByYear.TryGetValue(year, out var m) ? m : (int?)null) == VietnameseLunarCalendar.LeapMonth(year), $"lunar year {year}");
    }

    [Fact]
    public void The_last_day_of_a_30_day_month_converts_and_day_30_of_a_29_day_month_does_not()
    {
        // Lunar month 1 of 2025 runs 29 January to 27 February (30 days); month 12 of 2024 has 29 (Tết 2025 came after the 29th).
        Assert.Equal(new DateOnly(2025, 2, 27), VietnameseLunarCalendar.ToGregorian(2025, 1, 30));
        Assert.Equal(new DateOnly(2025, 1, 28), VietnameseLunarCalendar.ToGregorian(2024, 12, 29));
        Assert.Throws<ArgumentException>(() => VietnameseLunarCalendar.ToGregorian(2024, 12, 30));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(13, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 31)]
    public void Months_outside_1_to_12_and_days_outside_1_to_30_are_refused(int month, int day)
        => Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToGregorian(2025, month, day));

    [Fact]
    public void Tet_1968_is_the_first_computed_for_UTC_plus_7()
    {
        Assert.Equal(1, VietnameseLunarCalendar.ToLunar(new DateOnly(1968, 1, 29)).Day); // Tết Mậu Thân in the North
        Assert.Equal(new DateOnly(1968, 1, 29), VietnameseLunarCalendar.LunarNewYear(1968));
    }
}
