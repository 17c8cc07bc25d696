using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Tests.DueDates;

/// <summary>The edges of the due-date rules: limits, instants on a session's edge, rounding (found by mutation testing).</summary>
public class DueDateBoundaryTests
{
    private static readonly VietnamWorkingCalendar Calendar = new(CalendarOverrides.Empty);
    private static readonly OfficeHours Hours = OfficeHours.Default;

    private static DateTimeOffset Vn(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(7));

    private static DateTimeOffset? Due(DateTimeOffset received, decimal value, ProcessingTimeUnit unit, OfficeHours? hours = null)
        => DueDateCalculator.Compute(received, new ProcessingTime(value, unit), hours ?? Hours, Calendar);

    [Theory]
    [InlineData(ProcessingTimeUnit.WorkingDays)]
    [InlineData(ProcessingTimeUnit.WorkingHours)]
    [InlineData(ProcessingTimeUnit.CalendarDays)]
    public void The_largest_processing_time_is_accepted(ProcessingTimeUnit unit)
        => Assert.NotNull(Due(Vn(2027, 3, 8, 9), DueDateCalculator.MaxValue, unit));

    [Fact]
    public void Ten_thousand_calendar_days_end_ten_thousand_days_later()
        // 8/3/2027 + 10,000 days = Friday 24/7/2054, a working day: the close of that day.
        => Assert.Equal(Vn(2054, 7, 24, 17), Due(Vn(2027, 3, 8, 9), DueDateCalculator.MaxValue, ProcessingTimeUnit.CalendarDays));

    [Fact]
    public void A_fraction_of_a_calendar_day_counts_as_a_whole_day()
        // 1.2 days: two days, the period ends at the close of Wednesday 10/3.
        => Assert.Equal(Vn(2027, 3, 10, 17), Due(Vn(2027, 3, 8, 16), 1.2m, ProcessingTimeUnit.CalendarDays));

    [Fact]
    public void A_fraction_of_a_working_hour_is_office_minutes()
        // 1.25 h from 11:00: 30 minutes to 11:30, then 45 minutes from 13:30.
        => Assert.Equal(Vn(2027, 3, 8, 14, 15), Due(Vn(2027, 3, 8, 11), 1.25m, ProcessingTimeUnit.WorkingHours));

    [Fact]
    public void Received_exactly_at_the_morning_close_starts_at_the_afternoon_session()
        => Assert.Equal(Vn(2027, 3, 8, 13, 30), Due(Vn(2027, 3, 8, 11, 30), 0, ProcessingTimeUnit.WorkingDays));

    [Fact]
    public void Zero_working_hours_after_hours_still_wait_for_the_office_to_open()
        => Assert.Equal(Vn(2027, 3, 9, 7), Due(Vn(2027, 3, 8, 20), 0, ProcessingTimeUnit.WorkingHours));

    [Fact]
    public void Received_exactly_at_the_opening_counts_from_the_opening()
        => Assert.Equal(Vn(2027, 3, 8, 8), Due(Vn(2027, 3, 8, 7), 1, ProcessingTimeUnit.WorkingHours));

    [Fact]
    public void Time_running_out_at_a_close_ends_at_that_close()
        // 09:00 + 2.5 h is 11:30, the morning's close, not 13:30.
        => Assert.Equal(Vn(2027, 3, 8, 11, 30), Due(Vn(2027, 3, 8, 9), 2.5m, ProcessingTimeUnit.WorkingHours));

    [Fact]
    public void Sessions_that_touch_are_accepted()
    {
        var touching = new OfficeHours([new(new(8, 0), new(12, 0)), new(new(12, 0), new(16, 0))]);
        // One working day is the 8 hours of both sessions: from the opening to the day's close.
        Assert.Equal(Vn(2027, 3, 8, 16), Due(Vn(2027, 3, 8, 8), 1, ProcessingTimeUnit.WorkingDays, touching));
    }

    [Fact]
    public void A_session_of_no_length_is_refused()
    {
        var empty = new OfficeHours([new(new(8, 0), new(8, 0))]);
        var e = Assert.Throws<ArgumentException>(() => Due(Vn(2027, 3, 8, 8), 1, ProcessingTimeUnit.WorkingDays, empty));
        Assert.Contains("session 1 must start before it ends", e.Message);
    }

    [Fact]
    public void A_session_starting_inside_the_previous_one_is_refused_naming_both()
    {
        var overlapping = new OfficeHours([new(new(7, 0), new(12, 0)), new(new(11, 0), new(17, 0))]);
        var e = Assert.Throws<ArgumentException>(() => Due(Vn(2027, 3, 8, 8), 1, ProcessingTimeUnit.WorkingDays, overlapping));
        Assert.Contains("session 2 must start after session 1 ends", e.Message);
    }

    [Fact]
    public void Missing_sessions_or_calendar_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Due(Vn(2027, 3, 8, 8), 1, ProcessingTimeUnit.WorkingDays, new OfficeHours(null!)));
        Assert.Throws<ArgumentNullException>(() => DueDateCalculator.Compute(Vn(2027, 3, 8, 8), new(1, ProcessingTimeUnit.WorkingDays), null!, Calendar));
        Assert.Throws<ArgumentNullException>(() => DueDateCalculator.Compute(Vn(2027, 3, 8, 8), new(1, ProcessingTimeUnit.WorkingDays), Hours, null!));
        Assert.Throws<ArgumentNullException>(() => DueDateCalculator.Compute(Vn(2027, 3, 8, 8), null!, Hours, Calendar));
    }

    [Fact]
    public void An_unknown_unit_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Due(Vn(2027, 3, 8, 9), 1, (ProcessingTimeUnit)99));

    [Fact]
    public void Working_time_between_stops_at_the_end_inside_a_session()
        // Monday 10:00 to Tuesday 08:30: 1.5 h + 3.5 h Monday, 1.5 h Tuesday.
        => Assert.Equal(TimeSpan.FromHours(6.5), DueDateCalculator.WorkingTimeBetween(Vn(2027, 3, 8, 10), Vn(2027, 3, 9, 8, 30), Hours, Calendar));

    [Fact]
    public void Working_time_between_an_instant_and_itself_is_zero()
        => Assert.Equal(TimeSpan.Zero, DueDateCalculator.WorkingTimeBetween(Vn(2027, 3, 8, 10), Vn(2027, 3, 8, 10), Hours, Calendar));

    [Fact]
    public void Adding_working_time_from_after_hours_starts_at_the_next_session()
        => Assert.Equal(Vn(2027, 3, 9, 8), DueDateCalculator.AddWorkingTime(Vn(2027, 3, 8, 20), TimeSpan.FromHours(1), Hours, Calendar));

    [Fact]
    public void Adding_working_time_that_ends_at_a_close_gives_that_close()
        => Assert.Equal(Vn(2027, 3, 8, 17), DueDateCalculator.AddWorkingTime(Vn(2027, 3, 8, 16), TimeSpan.FromHours(1), Hours, Calendar));

    [Fact]
    public void A_pause_inside_an_earlier_pause_adds_nothing()
    {
        var due = Vn(2027, 3, 11, 9);
        var pauses = new[]
        {
            new SupplementPause(Vn(2027, 3, 9, 9), Vn(2027, 3, 9, 10)), // listed first, starts later
            new SupplementPause(Vn(2027, 3, 9, 8), Vn(2027, 3, 9, 11)),
        };
        // 08:00–11:00 Tuesday: 3 h; Thursday 09:00 + 2.5 h = 11:30, + 0.5 h from 13:30 = 14:00.
        Assert.Equal(Vn(2027, 3, 11, 14), DueDateCalculator.ExtendForPauses(due, pauses, Hours, Calendar));
    }

    [Fact]
    public void A_pause_ending_before_it_starts_adds_nothing()
    {
        var due = Vn(2027, 3, 11, 9);
        var pauses = new[] { new SupplementPause(Vn(2027, 3, 9, 11), Vn(2027, 3, 9, 9)) };
        Assert.Equal(due, DueDateCalculator.ExtendForPauses(due, pauses, Hours, Calendar));
    }

    [Fact]
    public void Pauses_that_follow_each_other_both_count()
    {
        var due = Vn(2027, 3, 11, 9);
        var pauses = new[]
        {
            new SupplementPause(Vn(2027, 3, 9, 8), Vn(2027, 3, 9, 9)),
            new SupplementPause(Vn(2027, 3, 9, 9), Vn(2027, 3, 9, 10)),
        };
        Assert.Equal(Vn(2027, 3, 11, 11), DueDateCalculator.ExtendForPauses(due, pauses, Hours, Calendar));
    }
}
