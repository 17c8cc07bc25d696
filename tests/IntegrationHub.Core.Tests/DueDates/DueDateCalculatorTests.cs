using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Tests.DueDates;

public class DueDateCalculatorTests
{
    private static readonly VietnamWorkingCalendar Calendar = new(); // with the shipped 2025/2026 notices
    private static readonly OfficeHours Hours = OfficeHours.Default;

    private static DateTimeOffset Vn(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(7));

    private static DateTimeOffset? Due(DateTimeOffset received, decimal? value, ProcessingTimeUnit unit = ProcessingTimeUnit.WorkingDays)
        => DueDateCalculator.Compute(received, new ProcessingTime(value, unit), Hours, Calendar);

    [Fact]
    public void Three_working_days_from_Monday_9_00_end_Thursday_9_00()
        => Assert.Equal(Vn(2027, 3, 11, 9), Due(Vn(2027, 3, 8, 9), 3));

    [Fact]
    public void Received_after_hours_starts_next_morning_and_ends_at_the_close_of_the_third_day()
        => Assert.Equal(Vn(2027, 3, 11, 17), Due(Vn(2027, 3, 8, 18), 3));

    [Fact]
    public void Received_at_lunch_starts_at_the_afternoon_session()
        // 13:30–17:00 Monday (3.5 h) then 4.5 h of Tuesday morning: one working day is 8 office hours.
        => Assert.Equal(Vn(2027, 3, 9, 11, 30), Due(Vn(2027, 3, 8, 12, 15), 1));

    [Fact]
    public void Received_on_Saturday_starts_on_Monday()
        => Assert.Equal(Vn(2027, 3, 8, 17), Due(Vn(2027, 3, 6, 10), 1));

    [Fact]
    public void Due_date_is_given_in_Vietnam_time_whatever_the_offset_received()
    {
        var due = Due(new DateTimeOffset(2027, 3, 8, 2, 0, 0, TimeSpan.Zero), 3)!.Value; // 09:00 in Vietnam
        Assert.Equal(TimeSpan.FromHours(7), due.Offset);
        Assert.Equal(Vn(2027, 3, 11, 9), due);
    }

    [Fact]
    public void Working_days_skip_the_nine_days_of_Tet_2026()
        // Friday 13/2 09:00: 6 h that day, then nothing until Monday 23/2; 10 h more end Tuesday 24/2 09:00.
        => Assert.Equal(Vn(2026, 2, 24, 9), Due(Vn(2026, 2, 13, 9), 2));

    [Fact]
    public void A_working_Saturday_of_the_notice_counts()
        // 2025: Saturday 26/4 was worked in exchange for Friday 2/5.
        => Assert.Equal(Vn(2025, 4, 26, 9), Due(Vn(2025, 4, 25, 9), 1));

    [Fact]
    public void Half_a_working_day_is_four_office_hours()
        // 09:00–11:30 (2.5 h) then 1.5 h of the afternoon.
        => Assert.Equal(Vn(2027, 3, 8, 15), Due(Vn(2027, 3, 8, 9, 0), 0.5m));

    [Fact]
    public void Working_hours_count_office_sessions_only()
        // 10:00–11:30 (1.5 h) then 13:30 + 2.5 h.
        => Assert.Equal(Vn(2027, 3, 8, 16), Due(Vn(2027, 3, 8, 10), 4, ProcessingTimeUnit.WorkingHours));

    [Fact]
    public void Calendar_days_do_not_count_the_day_of_receipt_and_end_at_the_close_of_the_last_day()
        => Assert.Equal(Vn(2027, 3, 23, 17), Due(Vn(2027, 3, 8, 16), 15, ProcessingTimeUnit.CalendarDays));

    [Fact]
    public void Calendar_days_ending_on_a_day_off_move_to_the_next_working_day()
        // 8/3/2027 + 5 days = Saturday 13/3: the period ends at the close of Monday 15/3.
        => Assert.Equal(Vn(2027, 3, 15, 17), Due(Vn(2027, 3, 8, 9), 5, ProcessingTimeUnit.CalendarDays));

    [Fact]
    public void A_procedure_without_processing_time_has_no_due_date()
        => Assert.Null(Due(Vn(2027, 3, 8, 9), null));

    [Fact]
    public void Zero_working_days_still_waits_for_the_office_to_open()
        => Assert.Equal(Vn(2027, 3, 9, 7), Due(Vn(2027, 3, 8, 20), 0));

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Out_of_range_processing_time_is_refused(int value)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Due(Vn(2027, 3, 8, 9), value));

    [Fact]
    public void Office_hours_must_be_ordered_sessions()
    {
        var overlapping = new OfficeHours([new(new(7, 0), new(12, 0)), new(new(11, 0), new(17, 0))]);
        var empty = new OfficeHours([]);
        var backwards = new OfficeHours([new(new(17, 0), new(7, 0))]);
        foreach (var hours in new[] { overlapping, empty, backwards })
            Assert.Throws<ArgumentException>(() => DueDateCalculator.Compute(Vn(2027, 3, 8, 9), new(1, ProcessingTimeUnit.WorkingDays), hours, Calendar));
    }

    [Fact]
    public void Agency_office_hours_change_the_day_length()
    {
        var longDay = new OfficeHours([new(new(8, 0), new(12, 0)), new(new(13, 0), new(17, 0))]);
        var due = DueDateCalculator.Compute(Vn(2027, 3, 8, 12, 30), new(1, ProcessingTimeUnit.WorkingDays), longDay, Calendar);
        Assert.Equal(Vn(2027, 3, 9, 12), due); // 13:00–17:00 Monday, then 08:00–12:00 Tuesday
    }

    [Fact]
    public void Working_time_between_counts_only_office_sessions()
    {
        // Friday 16:00 to Monday 08:00: one hour each side of the weekend.
        Assert.Equal(TimeSpan.FromHours(2), DueDateCalculator.WorkingTimeBetween(Vn(2027, 3, 12, 16), Vn(2027, 3, 15, 8), Hours, Calendar));
        Assert.Equal(TimeSpan.Zero, DueDateCalculator.WorkingTimeBetween(Vn(2027, 3, 15, 8), Vn(2027, 3, 12, 16), Hours, Calendar));
        Assert.Equal(TimeSpan.Zero, DueDateCalculator.WorkingTimeBetween(Vn(2027, 3, 8, 11, 45), Vn(2027, 3, 8, 13, 15), Hours, Calendar));
    }

    [Fact]
    public void Supplement_pause_pushes_the_due_date_back_by_its_office_time()
    {
        var due = Due(Vn(2027, 3, 8, 9), 3)!.Value; // Thursday 11/3 09:00
        // Paused from Tuesday 15:00 to Wednesday 09:00: 2 h + 2 h of office time; Thursday 09:00 + 4 h = 15:00.
        var pauses = new[] { new SupplementPause(Vn(2027, 3, 9, 15), Vn(2027, 3, 10, 9)) };
        Assert.Equal(Vn(2027, 3, 11, 15), DueDateCalculator.ExtendForPauses(due, pauses, Hours, Calendar));
    }

    [Fact]
    public void Overlapping_supplement_pauses_count_once()
    {
        var due = Vn(2027, 3, 11, 9);
        var pauses = new[]
        {
            new SupplementPause(Vn(2027, 3, 9, 8), Vn(2027, 3, 9, 10)),
            new SupplementPause(Vn(2027, 3, 9, 9), Vn(2027, 3, 9, 11)),
        };
        // 08:00–11:00 Tuesday: 3 h; Thursday 09:00 + 2.5 h = 11:30, + 0.5 h from 13:30 = 14:00.
        Assert.Equal(Vn(2027, 3, 11, 14), DueDateCalculator.ExtendForPauses(due, pauses, Hours, Calendar));
    }

    [Fact]
    public void Adding_no_working_time_returns_the_instant_itself()
        => Assert.Equal(Vn(2027, 3, 6, 10), DueDateCalculator.AddWorkingTime(Vn(2027, 3, 6, 10), TimeSpan.Zero, Hours, Calendar));

    [Fact]
    public void Negative_working_time_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => DueDateCalculator.AddWorkingTime(Vn(2027, 3, 6, 10), TimeSpan.FromHours(-1), Hours, Calendar));
}
