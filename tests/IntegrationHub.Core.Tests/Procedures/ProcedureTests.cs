using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Core.Tests.Procedures;

public class ProcedureTests
{
    private static readonly ProcessingTime Counter = new(5, ProcessingTimeUnit.WorkingDays);
    private static readonly ProcessingTime Online = new(3, ProcessingTimeUnit.WorkingDays);

    private static Procedure Make(ProcessingTime? online = null, DateOnly? to = null) => new(
        "1.001612", "Đăng ký thành lập doanh nghiệp", "000.00.25.H47", "Doanh nghiệp", Counter, online, OnlineLevel.Full,
        VerticalSystems.PlanningInvestment, RequiresValidSignature: true, new DateOnly(2026, 1, 1), to);

    [Fact]
    public void A_procedure_is_effective_from_its_first_day_up_to_but_not_on_its_end_day()
    {
        var p = Make(to: new DateOnly(2026, 12, 31));
        Assert.False(p.IsEffectiveOn(new DateOnly(2025, 12, 31)));
        Assert.True(p.IsEffectiveOn(new DateOnly(2026, 1, 1)));
        Assert.True(p.IsEffectiveOn(new DateOnly(2026, 12, 30)));
        Assert.False(p.IsEffectiveOn(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void A_procedure_without_an_end_stays_effective()
        => Assert.True(Make().IsEffectiveOn(new DateOnly(2100, 1, 1)));

    [Fact]
    public void Online_submissions_use_the_online_processing_time_when_there_is_one()
    {
        Assert.Same(Online, Make(Online).ProcessingTimeFor(online: true));
        Assert.Same(Counter, Make(Online).ProcessingTimeFor(online: false));
        Assert.Same(Counter, Make().ProcessingTimeFor(online: true));
    }

    [Theory]
    [InlineData("000.00.00.G10", true)]
    [InlineData("G01", true)]
    [InlineData("000.00.25.H47x", false)]
    [InlineData("x000.00.25.H47", false)]
    [InlineData(null, false)]
    public void Agency_codes_are_matched_whole(string? code, bool valid)
        => Assert.Equal(valid, AgencyCode.IsValid(code));

    [Fact]
    public void The_three_vertical_systems_are_named_as_on_the_wire()
        => Assert.Equal(["planning-investment", "trade", "justice"], VerticalSystems.All);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void National_status_codes_are_1_to_10(int code, bool known)
    {
        Assert.Equal(known, DossierStatusNames.TryFromCode(code, out var status));
        if (known) Assert.Equal(code, (int)status);
    }

    [Fact]
    public void A_status_outside_1_to_10_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierStatusNames.English((DossierStatus)11));
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierStatusNames.Vietnamese((DossierStatus)0));
    }

    [Theory]
    [InlineData(SubmissionChannel.Online, "online")]
    [InlineData(SubmissionChannel.Counter, "counter")]
    [InlineData(SubmissionChannel.Postal, "postal")]
    public void Channels_have_wire_names_that_parse_back(SubmissionChannel channel, string wire)
    {
        Assert.Equal(wire, channel.ToWire());
        Assert.True(SubmissionChannels.TryParse($" {wire.ToUpperInvariant()} ", out var parsed));
        Assert.Equal(channel, parsed);
    }

    [Theory]
    [InlineData("direct", SubmissionChannel.Counter)]
    [InlineData("in-person", SubmissionChannel.Counter)]
    [InlineData("post", SubmissionChannel.Postal)]
    public void Channel_synonyms_are_accepted(string text, SubmissionChannel expected)
    {
        Assert.True(SubmissionChannels.TryParse(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("email")]
    public void Unknown_channels_are_refused(string? text)
        => Assert.False(SubmissionChannels.TryParse(text, out _));

    [Fact]
    public void An_unknown_channel_has_no_wire_name()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ((SubmissionChannel)9).ToWire());

    [Theory]
    [InlineData("054090001234", "********1234")]
    [InlineData("1234", "****")]
    [InlineData("12345", "*2345")]
    [InlineData(null, null)]
    public void Id_numbers_are_masked_but_for_the_last_four_digits(string? id, string? masked)
        => Assert.Equal(masked, new Applicant("A", id, null, null).MaskedIdNumber);
}
