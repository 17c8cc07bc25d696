using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Tests.Dossiers;

/// <summary>Status events folded into the statistics' times, over the real working-day calendar.</summary>
public class DossierProgressTests
{
    private static readonly CalendarWorkingTime WorkingTime = new(new VietnamWorkingCalendar(CalendarOverrides.Empty));
    private static DateTimeOffset Vn(int d, int h, int mi = 0) => new(2027, 3, d, h, mi, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Due = Vn(11, 9); // Thursday 09:00

    private static DossierTimes Play(DateTimeOffset? due, params (DossierStatus Status, DateTimeOffset At)[] events)
        => events.Aggregate(DossierTimes.Initial(due), (t, e) => DossierProgress.Apply(t, e.Status, e.At, OfficeHours.Default, WorkingTime));

    [Fact]
    public void A_supplement_over_a_weekend_moves_the_due_date_by_its_office_time_only()
    {
        // Friday 16:00 to Monday 08:00: one office hour each side; Thursday 09:00 + 2 h = 11:00.
        var t = Play(Due, (DossierStatus.SupplementRequested, Vn(12, 16)), (DossierStatus.Processing, Vn(15, 8)));
        Assert.Equal(Vn(11, 11), t.EffectiveDueAt);
        Assert.Equal(1, t.SupplementCount);
        Assert.Null(t.PausedSince);
    }

    [Fact]
    public void An_open_supplement_keeps_the_pause_open_and_the_due_date_unchanged()
    {
        var t = Play(Due, (DossierStatus.Received, Vn(8, 9)), (DossierStatus.SupplementRequested, Vn(9, 9)));
        Assert.Equal(Vn(9, 9), t.PausedSince);
        Assert.Equal(Due, t.EffectiveDueAt);
        Assert.Equal(1, t.SupplementCount);
    }

    [Fact]
    public void Each_separate_supplement_request_is_counted()
    {
        var t = Play(Due, (DossierStatus.SupplementRequested, Vn(9, 8)), (DossierStatus.Processing, Vn(9, 9)),
            (DossierStatus.SupplementRequested, Vn(9, 10)), (DossierStatus.Processing, Vn(9, 11)));
        Assert.Equal(2, t.SupplementCount);
        Assert.Equal(Vn(11, 11), t.EffectiveDueAt); // two pauses of one office hour
    }

    [Fact]
    public void A_resumption_at_the_same_instant_as_the_request_moves_nothing()
    {
        var t = Play(Due, (DossierStatus.SupplementRequested, Vn(9, 9)), (DossierStatus.Processing, Vn(9, 9)));
        Assert.Equal(Due, t.EffectiveDueAt);
        Assert.Null(t.PausedSince);
    }

    [Fact]
    public void A_resumption_dated_before_the_request_moves_nothing()
    {
        var t = Play(Due, (DossierStatus.SupplementRequested, Vn(9, 10)), (DossierStatus.Processing, Vn(9, 9)));
        Assert.Equal(Due, t.EffectiveDueAt);
        Assert.Null(t.PausedSince);
    }

    [Fact]
    public void A_later_better_end_replaces_an_earlier_worse_one_but_not_the_reverse()
    {
        var stoppedThenResolved = Play(Due, (DossierStatus.Stopped, Vn(9, 9)), (DossierStatus.Resolved, Vn(10, 9)));
        Assert.Equal((Vn(10, 9), DossierStatus.Resolved), (stoppedThenResolved.EndedAt!.Value, stoppedThenResolved.EndStatus!.Value));
        var resolvedThenReturned = Play(Due, (DossierStatus.Resolved, Vn(9, 9)), (DossierStatus.ResultReturned, Vn(10, 9)));
        Assert.Equal((Vn(9, 9), DossierStatus.Resolved), (resolvedThenReturned.EndedAt!.Value, resolvedThenReturned.EndStatus!.Value));
        var resolvedTwice = Play(Due, (DossierStatus.Resolved, Vn(9, 9)), (DossierStatus.Resolved, Vn(10, 9)));
        Assert.Equal(Vn(9, 9), resolvedTwice.EndedAt);
    }

    [Theory]
    [InlineData(DossierStatus.Resolved, 0)]
    [InlineData(DossierStatus.ResultReturned, 1)]
    [InlineData(DossierStatus.Stopped, 2)]
    [InlineData(DossierStatus.Refused, 2)]
    [InlineData(DossierStatus.Withdrawn, null)]
    [InlineData(DossierStatus.Processing, null)]
    public void End_ranks_follow_the_766_order(DossierStatus status, int? rank)
        => Assert.Equal(rank, DossierProgress.EndRank(status));
}
