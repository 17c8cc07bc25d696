using System.Text;
using IntegrationHub.Core.Calendar;

namespace IntegrationHub.Core.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly VietnamWorkingCalendar Computed = new(CalendarOverrides.Empty);
    private static readonly VietnamWorkingCalendar Shipped = new();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Weekends_are_off_and_ordinary_weekdays_work()
    {
        Assert.False(Computed.IsWorkingDay(D(2027, 3, 6))); // Saturday
        Assert.False(Computed.IsWorkingDay(D(2027, 3, 7))); // Sunday
        Assert.True(Computed.IsWorkingDay(D(2027, 3, 8)));  // Monday
    }

    [Fact]
    public void Holiday_on_Sunday_is_made_up_on_Monday()
    {
        // Hùng Kings day 2026 is Sunday 26/4 (lunar 10/3).
        var year = Computed.GetYear(2026);
        Assert.Equal(D(2026, 4, 26), year.HungKingsDay);
        Assert.False(Computed.IsWorkingDay(D(2026, 4, 27)));
        var makeUp = Assert.Single(year.DaysOff, d => d.Date == D(2026, 4, 27));
        Assert.StartsWith("Giỗ Tổ Hùng Vương", makeUp.Name);
        Assert.True(Computed.IsWorkingDay(D(2026, 4, 28)));
    }

    [Fact]
    public void Make_up_day_skips_days_that_are_already_holidays()
    {
        // 30/4/2028 is a Sunday; Monday 1/5 is itself a holiday, so the make-up is Tuesday 2/5.
        Assert.Equal(DayOfWeek.Sunday, D(2028, 4, 30).DayOfWeek);
        Assert.False(Computed.IsWorkingDay(D(2028, 5, 1)));
        Assert.False(Computed.IsWorkingDay(D(2028, 5, 2)));
        Assert.True(Computed.IsWorkingDay(D(2028, 5, 3)));
    }

    [Fact]
    public void Hung_Kings_day_on_30_April_gets_its_own_make_up_day()
    {
        // 1947: lunar 10/3 fell on Wednesday 30/4; with 1/5 also off, the extra day is Friday 2/5.
        Assert.Equal(D(1947, 4, 30), Computed.GetYear(1947).HungKingsDay);
        Assert.False(Computed.IsWorkingDay(D(1947, 5, 2)));
        Assert.True(Computed.IsWorkingDay(D(1947, 5, 5)));
    }

    [Fact]
    public void National_day_on_Saturday_takes_Friday_and_the_Monday_make_up()
    {
        // 2023: 2/9 was a Saturday; agencies were off Friday 1/9 to Monday 4/9.
        Assert.False(Computed.IsWorkingDay(D(2023, 9, 1)));
        Assert.False(Computed.IsWorkingDay(D(2023, 9, 4)));
        Assert.True(Computed.IsWorkingDay(D(2023, 9, 5)));
    }

    [Fact]
    public void Computed_Tet_is_the_last_day_of_the_year_and_days_1_to_4_with_lunar_dates()
    {
        var tet = Computed.GetYear(2027).DaysOff.Where(d => d.Name == "Tết Nguyên Đán").ToList();
        // Tết 2027 is Saturday 6/2: 5/2 (29/12, the lunar year's last day) off, 6–7 weekend, 8–9 (3/1, 4/1) off, plus two make-up days.
        Assert.Equal([D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9)], tet.Select(d => d.Date));
        Assert.Equal(["29/12", "3/1", "4/1"], tet.Select(d => d.LunarDate));
        Assert.False(Computed.IsWorkingDay(D(2027, 2, 10)));
        Assert.False(Computed.IsWorkingDay(D(2027, 2, 11)));
        Assert.True(Computed.IsWorkingDay(D(2027, 2, 12)));
    }

    [Fact]
    public void Hung_Kings_day_is_listed_with_its_lunar_date()
    {
        var day = Assert.Single(Computed.GetYear(2029).DaysOff, d => d.Name == "Giỗ Tổ Hùng Vương");
        Assert.Equal(D(2029, 4, 23), day.Date);
        Assert.Equal("10/3", day.LunarDate);
    }

    [Fact]
    public void Notice_2025_Tet_runs_27_to_31_January_without_the_computed_make_up()
    {
        for (var d = D(2025, 1, 25); d <= D(2025, 2, 2); d = d.AddDays(1))
            Assert.False(Shipped.IsWorkingDay(d), $"{d} should be off");
        Assert.True(Shipped.IsWorkingDay(D(2025, 2, 3)));
        Assert.False(Computed.IsWorkingDay(D(2025, 2, 3))); // the computed default would have made up Saturday 1/2
        Assert.Equal("28/12", Shipped.GetYear(2025).DaysOff.Single(d => d.Date == D(2025, 1, 27)).LunarDate);
    }

    [Fact]
    public void Notice_2025_swaps_Friday_2_May_with_Saturday_26_April()
    {
        Assert.True(Shipped.IsWorkingDay(D(2025, 4, 26)));
        Assert.False(Shipped.IsWorkingDay(D(2025, 5, 2)));
        Assert.Equal([D(2025, 4, 26)], Shipped.GetYear(2025).WorkingSaturdays);
        Assert.False(Computed.IsWorkingDay(D(2025, 4, 26)));
        Assert.True(Computed.IsWorkingDay(D(2025, 5, 2)));
    }

    [Fact]
    public void Notice_2026_Tet_is_nine_days_from_14_to_22_February()
    {
        for (var d = D(2026, 2, 14); d <= D(2026, 2, 22); d = d.AddDays(1))
            Assert.False(Shipped.IsWorkingDay(d), $"{d} should be off");
        Assert.True(Shipped.IsWorkingDay(D(2026, 2, 13)));
        Assert.True(Shipped.IsWorkingDay(D(2026, 2, 23)));
        Assert.False(Shipped.IsWorkingDay(D(2026, 9, 1)));
    }

    [Fact]
    public void Year_2026_is_published_with_every_weekday_off_named()
    {
        var year = Shipped.GetYear(2026);
        Assert.Equal(D(2026, 2, 17), year.LunarNewYear);
        Assert.Equal(
            [D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
             D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2)],
            year.DaysOff.Select(d => d.Date));
        Assert.Equal("Tết Nguyên Đán", year.DaysOff[2].Name);
        Assert.Equal("1/1", year.DaysOff[2].LunarDate);
        Assert.Equal("29/12", year.DaysOff[1].LunarDate);
        Assert.Equal("Giỗ Tổ Hùng Vương (nghỉ bù)", year.DaysOff[6].Name);
        Assert.Equal("Quốc khánh", year.DaysOff[10].Name);
        Assert.Empty(year.WorkingSaturdays);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2101)]
    public void Years_outside_1900_to_2100_are_refused(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Computed.GetYear(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => Computed.IsWorkingDay(new DateOnly(year, 1, 5)));
    }

    [Fact]
    public void Every_year_has_eleven_holidays_each_costing_exactly_one_weekday()
    {
        // 1/1, 5 Tết, Hùng Kings, 30/4, 1/5, 2/9 and its neighbour: 11 days, each either on a weekday
        // or made up on one, so the computed calendar loses exactly 11 weekdays a year.
        for (int y = 1900; y <= 2100; y++)
            Assert.Equal(11, Computed.GetYear(y).DaysOff.Count);
    }

    [Fact]
    public void Overrides_file_with_an_unknown_holiday_is_refused_with_its_reason()
    {
        var e = Assert.Throws<InvalidDataException>(() => Load("""{ "years": [ { "year": 2027, "replace": { "christmas": [] } } ] }"""));
        Assert.Contains("unknown holiday 'christmas'", e.Message);
    }

    [Theory]
    [InlineData("""{ "years": [ { "year": 2027, "workingSaturdays": [ "2027-03-08" ] } ] }""", "is a Monday")]
    [InlineData("""{ "years": [ { "year": 2027, "extraDaysOff": [ { "date": "2028-01-03" } ] } ] }""", "is not in 2027")]
    [InlineData("""{ "years": [ { "year": 2027 }, { "year": 2027 } ] }""", "appears twice")]
    [InlineData("""{ "years": [ { "year": 3000 } ] }""", "1900–2100")]
    [InlineData("""{ "yeers": [] }""", "not a valid")]
    [InlineData("""{ "years": [ { "year": 2027, """, "not a valid")]
    [InlineData("null", "empty")]
    public void Bad_overrides_files_are_refused_with_a_clear_message(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Load(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Overrides_loaded_from_a_file_change_the_calendar()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calendar-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "years": [ { "year": 2027, "extraDaysOff": [ { "date": "2027-03-08", "name": "Nghỉ đặc biệt" } ],
                           "workingSaturdays": [ "2027-03-13" ] } ] }
            """);
        try
        {
            var calendar = VietnamWorkingCalendar.FromOverridesFile(path);
            Assert.False(calendar.IsWorkingDay(D(2027, 3, 8)));
            Assert.True(calendar.IsWorkingDay(D(2027, 3, 13)));
            Assert.Contains(calendar.GetYear(2027).DaysOff, d => d.Date == D(2027, 3, 8) && d.Name == "Nghỉ đặc biệt");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_overrides_file_is_refused()
        => Assert.Throws<InvalidDataException>(() => VietnamWorkingCalendar.FromOverridesFile("/nonexistent/calendar.json"));

    private static CalendarOverrides Load(string json)
        => CalendarOverrides.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");
}
