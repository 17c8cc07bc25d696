using System.Text;
using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Calendar.Lunar;

namespace IntegrationHub.Core.Tests.Calendar;

/// <summary>Make-up days next to a notice's days, holiday names and the year range of every entry point (found by mutation testing).</summary>
public class MakeUpDayTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static VietnamWorkingCalendar With(string json)
        => new(CalendarOverrides.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));

    [Fact]
    public void Two_holidays_on_one_weekend_are_made_up_in_their_order()
    {
        // 2022: 30/4 Saturday, 1/5 Sunday: Monday 2/5 for the Reunification, Tuesday 3/5 for Labour day.
        var days = new VietnamWorkingCalendar(CalendarOverrides.Empty).GetYear(2022).DaysOff;
        Assert.Equal("Ngày Giải phóng miền Nam, thống nhất đất nước (nghỉ bù)", Assert.Single(days, d => d.Date == D(2022, 5, 2)).Name);
        Assert.Equal("Ngày Quốc tế Lao động (nghỉ bù)", Assert.Single(days, d => d.Date == D(2022, 5, 3)).Name);
    }

    [Fact]
    public void A_make_up_day_skips_an_extra_day_off_of_the_notice()
    {
        // 2027: 1/5 is a Saturday, made up on Monday 3/5; a notice taking 3/5 off already pushes it to Tuesday 4/5.
        var calendar = With("""{ "years": [ { "year": 2027, "extraDaysOff": [ { "date": "2027-05-03", "name": "Nghỉ hoán đổi" } ] } ] }""");
        Assert.False(calendar.IsWorkingDay(D(2027, 5, 4)));
        Assert.Equal("Ngày Quốc tế Lao động (nghỉ bù)", Assert.Single(calendar.GetYear(2027).DaysOff, d => d.Date == D(2027, 5, 4)).Name);
    }

    [Fact]
    public void A_make_up_day_skips_a_day_a_notice_gave_another_holiday()
    {
        var calendar = With("""{ "years": [ { "year": 2027, "replace": { "reunification": [ { "date": "2027-05-03" } ] } } ] }""");
        Assert.False(calendar.IsWorkingDay(D(2027, 5, 3)));
        Assert.False(calendar.IsWorkingDay(D(2027, 5, 4)));
        Assert.True(calendar.IsWorkingDay(D(2027, 4, 30))); // the computed 30/4 was replaced
    }

    [Fact]
    public void Days_off_are_published_in_date_order()
    {
        var days = new VietnamWorkingCalendar().GetYear(2025).DaysOff.Select(d => d.Date).ToList();
        Assert.Equal(days.Order(), days);
    }

    [Fact]
    public void Holiday_names_are_the_statutory_wording()
        => Assert.Equal(
            ["Tết Dương lịch", "Tết Nguyên Đán", "Giỗ Tổ Hùng Vương", "Ngày Giải phóng miền Nam, thống nhất đất nước", "Ngày Quốc tế Lao động", "Quốc khánh"],
            StatutoryHolidays.Keys.Select(StatutoryHolidays.NameOf));

    [Fact]
    public void An_unknown_holiday_in_a_notice_is_refused_listing_the_known_keys()
    {
        var e = Assert.Throws<InvalidDataException>(() => With("""{ "years": [ { "year": 2027, "replace": { "christmas": [] } } ] }"""));
        Assert.Contains("(known: newYear, tet, hungKings, reunification, labour, nationalDay)", e.Message);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2101)]
    public void Every_entry_point_refuses_years_outside_1900_to_2100(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LunarNewYear(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.HungKingsDay(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LeapMonth(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatutoryHolidays.For(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VietnamWorkingCalendar(CalendarOverrides.Empty).IsWorkingDay(new DateOnly(year, 6, 1)));
    }

    [Theory]
    [InlineData(1900)]
    [InlineData(2100)]
    public void The_first_and_last_years_are_computed(int year)
        => Assert.Equal(year, new VietnamWorkingCalendar(CalendarOverrides.Empty).GetYear(year).Year);
}
