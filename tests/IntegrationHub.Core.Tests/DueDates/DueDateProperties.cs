using FsCheck.Xunit;
using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Tests.DueDates;

/// <summary>Properties over instants spread across 2024–2028 (so over the 2025 and 2026 notices and five Tết).</summary>
public class DueDateProperties
{
    private static readonly VietnamWorkingCalendar Calendar = new();
    private static readonly OfficeHours Hours = OfficeHours.Default;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
    private const long MinutesIn4Years = 4L * 365 * 24 * 60;

    private static DateTimeOffset Instant(int seed) => Start.AddMinutes(((long)seed % MinutesIn4Years + MinutesIn4Years) % MinutesIn4Years);

    private static DateTimeOffset Due(DateTimeOffset received, int days)
        => DueDateCalculator.Compute(received, new ProcessingTime(days, ProcessingTimeUnit.WorkingDays), Hours, Calendar)!.Value;

    private static bool InOfficeTime(DateTimeOffset instant)
    {
        var local = instant.ToOffset(TimeSpan.FromHours(7));
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime))
            && Hours.Sessions.Any(s => s.Start <= time && time <= s.End);
    }

    [Property(MaxTest = 500)]
    public bool A_due_date_never_falls_on_a_day_off_nor_outside_office_hours(int seed, byte days)
        => InOfficeTime(Due(Instant(seed), days % 40));

    [Property(MaxTest = 500)]
    public bool A_calendar_day_due_date_is_the_close_of_a_working_day(int seed, byte days)
    {
        var due = DueDateCalculator.Compute(Instant(seed), new ProcessingTime(days % 60, ProcessingTimeUnit.CalendarDays), Hours, Calendar)!.Value;
        return InOfficeTime(due) && due.TimeOfDay == new TimeSpan(17, 0, 0);
    }

    [Property(MaxTest = 500)]
    public bool More_working_days_never_give_an_earlier_date(int seed, byte days)
    {
        var received = Instant(seed);
        int n = days % 40;
        return Due(received, n + 1) > Due(received, n);
    }

    [Property(MaxTest = 500)]
    public bool Adding_working_time_then_measuring_it_gives_it_back(int seed, ushort minutes)
    {
        var from = Instant(seed);
        var amount = TimeSpan.FromMinutes(minutes % 20_000);
        var to = DueDateCalculator.AddWorkingTime(from, amount, Hours, Calendar);
        return DueDateCalculator.WorkingTimeBetween(from, to, Hours, Calendar) == amount;
    }

    [Property(MaxTest = 500)]
    public bool Measuring_then_adding_never_overshoots(int seed, ushort minutes)
    {
        var from = Instant(seed);
        var to = from.AddMinutes(minutes);
        var back = DueDateCalculator.AddWorkingTime(from, DueDateCalculator.WorkingTimeBetween(from, to, Hours, Calendar), Hours, Calendar);
        return back <= to && DueDateCalculator.WorkingTimeBetween(back, to, Hours, Calendar) == TimeSpan.Zero;
    }
}
