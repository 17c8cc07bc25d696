using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Domain;

public sealed class DossierProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly ElapsedWorkingTime Elapsed = new();

    private static DossierTimes Play(DateTimeOffset? due, params (DossierStatus S, double Hours)[] events)
        => events.Aggregate(DossierTimes.Initial(due), (times, e) => DossierProgress.Apply(times, e.S, T0.AddHours(e.Hours), OfficeHours.Default, Elapsed));

    [Fact]
    public void A_supplement_pushes_the_due_date_by_its_length_and_counts_once()
    {
        var t = Play(T0.AddHours(48), (DossierStatus.SupplementRequested, 1), (DossierStatus.SupplementRequested, 2), (DossierStatus.Processing, 6));

        Assert.Equal(T0.AddHours(53), t.EffectiveDueAt);
        Assert.Equal(1, t.SupplementCount);
        Assert.Null(t.PausedSince);
    }

    [Fact]
    public void An_end_status_during_a_supplement_closes_the_pause()
    {
        var t = Play(T0.AddHours(48), (DossierStatus.SupplementRequested, 1), (DossierStatus.Stopped, 3));

        Assert.Equal((T0.AddHours(50), T0.AddHours(3), DossierStatus.Stopped), (t.EffectiveDueAt!.Value, t.EndedAt!.Value, t.EndStatus!.Value));
    }

    [Fact]
    public void The_end_is_the_first_status_in_the_order_resolved_returned_stopped()
    {
        Assert.Equal(T0.AddHours(5), Play(T0, (DossierStatus.ResultReturned, 4), (DossierStatus.Resolved, 5)).EndedAt);
        Assert.Equal(T0.AddHours(4), Play(T0, (DossierStatus.Resolved, 4), (DossierStatus.ResultReturned, 5)).EndedAt);
        Assert.Equal(T0.AddHours(4), Play(T0, (DossierStatus.Stopped, 4), (DossierStatus.Refused, 5)).EndedAt);
        Assert.Null(Play(T0, (DossierStatus.Withdrawn, 4)).EndedAt);
    }

    [Fact]
    public void Without_a_due_date_a_pause_leaves_it_empty()
        => Assert.Null(Play(null, (DossierStatus.SupplementRequested, 1), (DossierStatus.Processing, 6)).EffectiveDueAt);
}
