using IntegrationHub.Core.Dossiers;
using S = IntegrationHub.Core.Dossiers.DossierStatus;

namespace IntegrationHub.Core.Tests.Dossiers;

public class StatusTransitionsTests
{
    [Theory]
    [InlineData(null, S.Registered)]
    [InlineData(null, S.Received)]
    [InlineData(S.Registered, S.Received)]
    [InlineData(S.Registered, S.Refused)]
    [InlineData(S.Received, S.Processing)]
    [InlineData(S.Received, S.Resolved)]
    [InlineData(S.Processing, S.Processing)]
    [InlineData(S.Processing, S.SupplementRequested)]
    [InlineData(S.SupplementRequested, S.Processing)]
    [InlineData(S.SupplementRequested, S.Resolved)]
    [InlineData(S.PaymentRequested, S.Processing)]
    [InlineData(S.Processing, S.Stopped)]
    [InlineData(S.Processing, S.Withdrawn)]
    [InlineData(S.Resolved, S.ResultReturned)]
    public void Normal_transitions_are_allowed(S? from, S to)
    {
        Assert.True(StatusTransitions.IsAllowed(from, to));
        Assert.Null(StatusTransitions.Check(from, to));
    }

    [Theory]
    [InlineData(S.Registered, S.Resolved, "received (2) before it is resolved")]
    [InlineData(S.Registered, S.Processing, "cannot be followed")]
    [InlineData(S.Processing, S.ResultReturned, "only be returned after the dossier is resolved")]
    [InlineData(S.Received, S.Refused, "cannot be followed")]
    [InlineData(S.Resolved, S.Processing, "cannot be followed")]
    [InlineData(null, S.Resolved, "starts as")]
    [InlineData(S.SupplementRequested, S.SupplementRequested, "cannot be followed")]
    public void Impossible_transitions_are_refused_with_a_reason(S? from, S to, string reason)
    {
        Assert.False(StatusTransitions.IsAllowed(from, to));
        Assert.Contains(reason, StatusTransitions.Check(from, to));
    }

    [Theory]
    [InlineData(S.ResultReturned)]
    [InlineData(S.Refused)]
    [InlineData(S.Withdrawn)]
    [InlineData(S.Stopped)]
    public void Nothing_follows_an_ended_dossier(S end)
    {
        foreach (var to in Enum.GetValues<S>())
        {
            Assert.False(StatusTransitions.IsAllowed(end, to));
            Assert.Contains("ended", StatusTransitions.Check(end, to));
        }
    }

    [Fact]
    public void Resolved_is_reachable_only_through_received_and_returned_only_after_resolved()
    {
        // Every path of the table: 9 never without 2 before it, 10 only straight after 9.
        foreach (var from in Enum.GetValues<S>())
        {
            if (StatusTransitions.IsAllowed(from, S.Resolved))
                Assert.DoesNotContain(from, new[] { S.Registered, S.Refused, S.Withdrawn, S.Stopped, S.Resolved, S.ResultReturned });
            if (StatusTransitions.IsAllowed(from, S.ResultReturned))
                Assert.Equal(S.Resolved, from);
        }
        Assert.DoesNotContain(S.SupplementRequested, StatusTransitions.Allowed(S.Registered));
        Assert.DoesNotContain(S.PaymentRequested, StatusTransitions.Allowed(S.Registered));
    }

    [Fact]
    public void Unknown_codes_are_refused()
    {
        Assert.False(StatusTransitions.IsAllowed(S.Processing, (S)11));
        Assert.False(StatusTransitions.IsAllowed((S)0, S.Processing));
        Assert.False(DossierStatusNames.TryFromCode(0, out _));
        Assert.True(DossierStatusNames.TryFromCode(10, out var returned) && returned == S.ResultReturned);
    }

    [Fact]
    public void Ends_are_3_7_8_9_and_10()
        => Assert.Equal([S.Refused, S.Withdrawn, S.Stopped, S.Resolved, S.ResultReturned], Enum.GetValues<S>().Where(StatusTransitions.IsEnd));

    [Fact]
    public void First_end_prefers_resolved_then_returned_then_stopped_or_refused()
    {
        var t = new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.FromHours(7));
        var history = new List<(S, DateTimeOffset)> { (S.Received, t), (S.Stopped, t.AddDays(1)), (S.ResultReturned, t.AddDays(3)), (S.Resolved, t.AddDays(2)) };
        Assert.Equal((S.Resolved, t.AddDays(2)), StatusTransitions.FirstEnd(history));
        Assert.Equal((S.ResultReturned, t.AddDays(3)), StatusTransitions.FirstEnd(history.Where(h => h.Item1 != S.Resolved)));
        Assert.Equal((S.Stopped, t.AddDays(1)), StatusTransitions.FirstEnd(history.Take(2)));
        Assert.Null(StatusTransitions.FirstEnd([(S.Received, t), (S.Withdrawn, t.AddDays(1))]));
    }

    [Fact]
    public void Every_status_has_a_Vietnamese_and_an_English_name()
    {
        Assert.Equal("Đã xử lý xong", DossierStatusNames.Vietnamese(S.Resolved));
        Assert.Equal("supplement requested", DossierStatusNames.English(S.SupplementRequested));
        Assert.All(Enum.GetValues<S>(), s => Assert.False(string.IsNullOrEmpty(DossierStatusNames.Vietnamese(s))));
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierStatusNames.Vietnamese((S)42));
    }
}
