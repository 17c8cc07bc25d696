using System.Text;
using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Tests.Calendar;

/// <summary>The checks on the yearly notices file and what a notice's entries become (edges found by mutation testing).</summary>
public class CalendarOverridesRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static CalendarOverrides Load(string json)
        => CalendarOverrides.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    private static string Refusal(string json) => Assert.Throws<InvalidDataException>(() => Load(json)).Message;

    [Theory]
    [InlineData("""{ "years": [ { "year": 2027, "workingSaturdays": [ "2028-01-01" ] } ] }""", "working Saturday 2028-01-01 is not in 2027")]
    [InlineData("""{ "years": [ { "year": 2027, "replace": { "tet": null } } ] }""", "holiday 'tet' has no list of days")]
    [InlineData("""{ "years": [ { "year": 2027, "replace": { "tet": [ { "date": "2026-02-16" } ] } } ] }""", "year 2027: holiday 'tet': 2026-02-16 is not in 2027")]
    [InlineData("""{ "years": [ { "year": 2027, "extraDaysOff": [ null ] } ] }""", "extraDaysOff: a day is null")]
    [InlineData("""{ "years": [ null ] }""", "a year entry is null")]
    [InlineData("""{ "years": [ { "year": 1899 } ] }""", "1900–2100")]
    [InlineData("""{ "years": [ { "year": 2101 } ] }""", "1900–2100")]
    public void Bad_entries_are_refused_naming_the_entry(string json, string expected)
        => Assert.Contains(expected, Refusal(json));

    [Fact]
    public void The_refusal_names_the_file()
        => Assert.StartsWith("test.json: ", Refusal("""{ "years": [ { "year": 3000 } ] }"""));

    [Theory]
    [InlineData(1900)]
    [InlineData(2100)]
    public void The_first_and_last_supported_years_are_accepted(int year)
        => Assert.Equal(year, Load($$"""{ "years": [ { "year": {{year}} } ] }""").Years.Single().Year);

    [Fact]
    public void A_day_name_of_200_characters_is_accepted_201_refused()
    {
        string File(int length) => $$"""{ "years": [ { "year": 2027, "extraDaysOff": [ { "date": "2027-03-08", "name": "{{new string('x', length)}}" } ] } ] }""";
        Assert.Single(Load(File(200)).Years);
        Assert.Contains("the name of 2027-03-08 is too long", Refusal(File(201)));
    }

    [Fact]
    public void A_file_without_years_is_an_empty_notice()
    {
        var overrides = Load("""{ "comment": "nothing yet" }""");
        Assert.Empty(overrides.Years);
        Assert.Null(overrides.For(2027));
        Assert.Equal("nothing yet", overrides.Comment);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
        => Assert.Single(Load("""{ "years": [ { "year": 2027, }, ], /* a note */ }""").Years);

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calendar-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "years": [] }""" + new string(' ', CalendarOverrides.MaxFileBytes));
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => CalendarOverrides.LoadFile(path));
            Assert.Contains("larger than 1000000 bytes", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_at_the_size_limit_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"calendar-{Guid.NewGuid():N}.json");
        const string json = """{ "years": [] }""";
        File.WriteAllText(path, json + new string(' ', CalendarOverrides.MaxFileBytes - json.Length));
        try
        {
            Assert.Empty(CalendarOverrides.LoadFile(path).Years);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_blank_overrides_path_means_the_shipped_notices()
        => Assert.False(VietnamWorkingCalendar.FromOverridesFile("  ").IsWorkingDay(D(2025, 5, 2))); // the 2025 swap

    [Fact]
    public void Replaced_Tet_days_get_their_holiday_name_and_computed_lunar_dates()
    {
        var calendar = new VietnamWorkingCalendar(Load("""
            { "years": [ { "year": 2027, "replace": { "tet": [ { "date": "2027-02-08" } ],
                                                        "newYear": [ { "date": "2027-01-01", "name": "Tết Tây" } ] },
                           "extraDaysOff": [ { "date": "2027-03-08" } ] } ] }
            """));
        var days = calendar.GetYear(2027).DaysOff;
        var tet = Assert.Single(days, d => d.Date == D(2027, 2, 8));
        Assert.Equal(("Tết Nguyên Đán", VietnameseLunarCalendar.ToLunar(D(2027, 2, 8)).DayMonth), (tet.Name, tet.LunarDate));
        Assert.Equal(("Tết Tây", (string?)null), days.Where(d => d.Date == D(2027, 1, 1)).Select(d => (d.Name, d.LunarDate)).Single());
        Assert.Equal("Nghỉ hoán đổi", Assert.Single(days, d => d.Date == D(2027, 3, 8)).Name);
        // Only the listed Tết day is off: the computed ones (5–10 February 2027) work again.
        Assert.DoesNotContain(days, d => d.Date == D(2027, 2, 9));
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 9)));
    }

    [Fact]
    public void A_working_Saturday_listed_twice_is_published_once()
    {
        var calendar = new VietnamWorkingCalendar(Load("""{ "years": [ { "year": 2027, "workingSaturdays": [ "2027-03-13", "2027-03-06", "2027-03-13" ] } ] }"""));
        Assert.Equal([D(2027, 3, 6), D(2027, 3, 13)], calendar.GetYear(2027).WorkingSaturdays);
    }

    [Fact]
    public void A_day_off_on_a_weekend_is_not_published()
    {
        var calendar = new VietnamWorkingCalendar(Load("""{ "years": [ { "year": 2027, "extraDaysOff": [ { "date": "2027-03-06" } ] } ] }"""));
        Assert.DoesNotContain(calendar.GetYear(2027).DaysOff, d => d.Date == D(2027, 3, 6));
    }

    [Theory]
    [InlineData(2024, 3)] // Monday
    [InlineData(2025, 1)] // Tuesday
    [InlineData(2026, 1)] // Wednesday
    [InlineData(2027, 3)] // Thursday
    [InlineData(2022, 1)] // Friday
    [InlineData(2028, 1)] // Saturday
    [InlineData(2029, 3)] // Sunday
    public void National_day_takes_the_adjacent_day_that_joins_a_weekend(int year, int adjacent)
    {
        var days = StatutoryHolidays.For(year).Where(h => h.Key == StatutoryHolidays.NationalDay).Select(h => h.Date).Order().ToList();
        Assert.Equal(adjacent == 1 ? [D(year, 9, 1), D(year, 9, 2)] : [D(year, 9, 2), D(year, 9, 3)], days);
    }

    [Fact]
    public void An_unknown_holiday_key_has_no_name()
        => Assert.Throws<ArgumentException>(() => StatutoryHolidays.NameOf("christmas"));

    [Fact]
    public void Statutory_holidays_are_listed_in_date_order()
    {
        var dates = StatutoryHolidays.For(2027).Select(h => h.Date).ToList();
        Assert.Equal(dates.Order(), dates);
        Assert.Equal(D(2027, 1, 1), dates[0]);
    }

    [Fact]
    public void A_leap_month_prints_with_n()
    {
        Assert.Equal("15/2n", new LunarDate(2023, 2, 15, IsLeapMonth: true).DayMonth);
        Assert.Equal("10/3/2027", new LunarDate(2027, 3, 10).ToString());
    }
}
