using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Statistics;
using S = IntegrationHub.Core.Dossiers.DossierStatus;

namespace IntegrationHub.Core.Tests.Dossiers;

/// <summary>The words a 409 problem and the public pages print, and the null guards of the rules (found by mutation testing).</summary>
public class StatusWordsTests
{
    [Fact]
    public void English_names_are_the_national_portal_wording()
        => Assert.Equal(
            ["registered", "received", "refused", "processing", "supplement requested", "payment requested",
             "withdrawn", "stopped", "resolved", "result returned"],
            Enum.GetValues<S>().Select(DossierStatusNames.English));

    [Fact]
    public void Vietnamese_names_are_the_published_wording()
        => Assert.Equal(
            ["Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý", "Yêu cầu bổ sung giấy tờ",
             "Yêu cầu thực hiện nghĩa vụ tài chính", "Công dân yêu cầu rút hồ sơ", "Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả"],
            Enum.GetValues<S>().Select(DossierStatusNames.Vietnamese));

    [Fact]
    public void A_refused_transition_reads_with_codes_and_names()
        => Assert.Equal("4 (processing) cannot be followed by 2 (received).", StatusTransitions.Check(S.Processing, S.Received));

    [Fact]
    public void An_unknown_target_or_current_code_is_named_by_its_number()
    {
        Assert.Equal("11 is not a national status code (1–10).", StatusTransitions.Check(S.Received, (S)11));
        Assert.Equal("42 is not a national status code (1–10).", StatusTransitions.Check((S)42, S.Received));
        Assert.Empty(StatusTransitions.Allowed((S)42));
    }

    [Fact]
    public void First_end_is_the_earliest_of_its_kind_whatever_the_order_given()
    {
        var t = new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal((S.Resolved, t), StatusTransitions.FirstEnd([(S.Resolved, t.AddDays(2)), (S.Resolved, t)]));
    }

    [Fact]
    public void Null_inputs_are_refused_as_such()
    {
        Assert.Throws<ArgumentNullException>(() => StatusTransitions.FirstEnd(null!));
        Assert.Throws<ArgumentNullException>(() => OnTimeRules.Classify(null!, DateTimeOffset.UnixEpoch));
        Assert.Throws<ArgumentNullException>(() => OnTimeRules.EarlyBefore(DateTimeOffset.UnixEpoch, null!));
    }

    [Fact]
    public void A_dossier_without_due_date_ended_exactly_at_the_period_end_counts_as_resolved()
    {
        var end = new DateTimeOffset(2027, 3, 31, 23, 59, 0, TimeSpan.FromHours(7));
        var dossier = new DossierTimeline(end.AddDays(-10), null, null, end, 0);
        Assert.Equal(DossierOutcome.ResolvedOnTime, OnTimeRules.ForReport(dossier, end));
        Assert.Equal(DossierOutcome.InProgressOnTime, OnTimeRules.ForReport(dossier, end.AddTicks(-1)));
    }
}
