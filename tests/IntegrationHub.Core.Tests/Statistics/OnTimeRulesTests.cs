using IntegrationHub.Core.Statistics;

namespace IntegrationHub.Core.Tests.Statistics;

public class OnTimeRulesTests
{
    private static DateTimeOffset Vn(int d, int h, int mi = 0) => new(2027, 3, d, h, mi, 0, TimeSpan.FromHours(7));

    private static readonly DateTimeOffset Received = Vn(8, 9);
    private static readonly DateTimeOffset Due = Vn(11, 15); // Thursday 15:00: its half-day starts at 13:30
    private static readonly DateTimeOffset PeriodEnd = Vn(31, 23, 59);

    private static DossierOutcome Classify(DateTimeOffset? ended, int supplements = 0, DateTimeOffset? effectiveDue = null, DateTimeOffset? asOf = null)
        => OnTimeRules.Classify(new DossierTimeline(Received, Due, effectiveDue, ended, supplements), asOf ?? PeriodEnd);

    public static TheoryData<string, DateTimeOffset?, int, DossierOutcome> Table => new()
    {
        { "ended the day before", Vn(10, 16), 0, DossierOutcome.ResolvedEarly },
        { "ended the due morning", Vn(11, 11), 0, DossierOutcome.ResolvedEarly },
        { "ended just before the due half-day", Vn(11, 13, 29), 0, DossierOutcome.ResolvedEarly },
        { "ended as the due half-day begins", Vn(11, 13, 30), 0, DossierOutcome.ResolvedOnTime },
        { "ended exactly at the due date", Vn(11, 15), 0, DossierOutcome.ResolvedOnTime },
        { "ended a minute late", Vn(11, 15, 1), 0, DossierOutcome.ResolvedLate },
        { "early but two supplement requests", Vn(9, 10), 2, DossierOutcome.ResolvedLate },
        { "one supplement request is fine", Vn(9, 10), 1, DossierOutcome.ResolvedEarly },
        { "still open at the period end, after the due date", null, 0, DossierOutcome.InProgressOverdue },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Ended_dossiers_follow_the_766_table(string because, DateTimeOffset? ended, int supplements, DossierOutcome expected)
        => Assert.True(expected == Classify(ended, supplements), because);

    [Fact]
    public void Supplement_time_moves_the_due_date_used_for_judging()
    {
        Assert.Equal(DossierOutcome.ResolvedLate, Classify(Vn(12, 9)));
        Assert.Equal(DossierOutcome.ResolvedOnTime, Classify(Vn(12, 9), supplements: 1, effectiveDue: Vn(12, 10)));
    }

    [Fact]
    public void Open_dossier_is_judged_as_of_the_period_end()
    {
        Assert.Equal(DossierOutcome.InProgressOnTime, Classify(null, asOf: Vn(11, 15)));
        Assert.Equal(DossierOutcome.InProgressOverdue, Classify(null, asOf: Vn(11, 15, 1)));
        Assert.Equal(DossierOutcome.InProgressOnTime, Classify(null, asOf: Vn(11, 16), effectiveDue: Vn(12, 9)));
    }

    [Fact]
    public void Open_dossier_with_a_second_supplement_request_is_overdue()
        => Assert.Equal(DossierOutcome.InProgressOverdue, Classify(null, supplements: 2, asOf: Vn(9, 9)));

    [Fact]
    public void A_dossier_ended_after_the_period_counts_as_open_in_it()
    {
        Assert.Equal(DossierOutcome.InProgressOnTime, Classify(Vn(11, 14), asOf: Vn(10, 17)));
        Assert.Equal(DossierOutcome.InProgressOverdue, Classify(Vn(20, 9), asOf: Vn(15, 17)));
    }

    [Fact]
    public void Procedure_without_due_date_is_NoDueDate_and_reported_as_on_time()
    {
        var resolved = new DossierTimeline(Received, null, null, Vn(20, 9), 0);
        var open = new DossierTimeline(Received, null, null, null, 0);
        Assert.Equal(DossierOutcome.NoDueDate, OnTimeRules.Classify(resolved, PeriodEnd));
        Assert.Equal(DossierOutcome.ResolvedOnTime, OnTimeRules.ForReport(resolved, PeriodEnd));
        Assert.Equal(DossierOutcome.InProgressOnTime, OnTimeRules.ForReport(open, PeriodEnd));
    }

    [Theory]
    [InlineData(11, 30, 7, 0)]   // due at the close of the morning: the morning began at 07:00
    [InlineData(9, 0, 7, 0)]
    [InlineData(13, 30, 13, 30)]
    [InlineData(17, 0, 13, 30)]  // due at the close of the day
    public void Early_means_before_the_due_half_day_begins(int dueHour, int dueMinute, int startHour, int startMinute)
        => Assert.Equal(Vn(11, startHour, startMinute), OnTimeRules.EarlyBefore(Vn(11, dueHour, dueMinute)));

    [Fact]
    public void Early_threshold_is_computed_in_Vietnam_time()
    {
        var dueUtc = new DateTimeOffset(2027, 3, 11, 8, 0, 0, TimeSpan.Zero); // 15:00 in Vietnam
        Assert.Equal(Vn(11, 13, 30), OnTimeRules.EarlyBefore(dueUtc));
    }
}
