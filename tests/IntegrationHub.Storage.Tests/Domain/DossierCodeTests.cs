using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Storage.Tests.Domain;

public sealed class DossierCodeTests
{
    [Theory]
    [InlineData("000.00.25.H47-261128-0001", "000.00.25.H47", 2026, 11, 28, 1, 6)]
    [InlineData("000.00.25.H47-20261128-0042", "000.00.25.H47", 2026, 11, 28, 42, 8)]
    [InlineData("G01-240229-12345", "G01", 2024, 2, 29, 12345, 6)]
    [InlineData("000.00.00.G10-250101-0001", "000.00.00.G10", 2025, 1, 1, 1, 6)]
    public void Both_date_widths_parse(string text, string agency, int y, int m, int d, int seq, int width)
    {
        Assert.True(DossierCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(new DossierCode(agency, new DateOnly(y, m, d), seq, width), code);
        Assert.Equal(text, code!.ToString());
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("000.00.25.H47-261128", "must look like")]
    [InlineData("000.00.25.H47-2611280001", "must look like")]
    [InlineData("000.00.25.H47-261128-01", "must look like")]
    [InlineData("000.00.25.X47-261128-0001", "not an agency code")]
    [InlineData("00.00.25.H47-261128-0001", "not an agency code")]
    [InlineData("000.00.25.H47-261331-0001", "not a valid date")]
    [InlineData("000.00.25.H47-250229-0001", "not a valid date")]
    [InlineData("000.00.25.H47-261128-0000", "starts at 0001")]
    [InlineData("000.00.25.H47-261128-0001\n", "must look like")]
    [InlineData("000.00.25.h47-261128-0001", "not an agency code")]
    public void Malformed_codes_are_refused_with_a_reason(string? text, string reason)
    {
        Assert.False(DossierCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Overlong_input_is_refused_before_matching()
    {
        Assert.False(DossierCode.TryParse(new string('0', 10_000), out _, out var error));
        Assert.Contains("longer than 64", error);
    }

    [Fact]
    public void New_codes_use_the_configured_date_width()
    {
        Assert.Equal("000.00.25.H47-261128-0007", DossierCode.Format("000.00.25.H47", new(2026, 11, 28), 7));
        Assert.Equal("000.00.25.H47-20261128-0007", DossierCode.Format("000.00.25.H47", new(2026, 11, 28), 7, 8));
    }

    [Theory]
    [InlineData("000.00.00.H47", true)]
    [InlineData("000.00.25.H47", true)]
    [InlineData("G12", true)]
    [InlineData("H47", false)]
    [InlineData("000.00.25.H4", false)]
    public void Agency_codes_follow_the_national_shapes(string code, bool valid) => Assert.Equal(valid, AgencyCode.IsValid(code));

    [Fact]
    public void The_id_number_is_masked_but_for_its_last_four_digits()
        => Assert.Equal("********1234", new Applicant("A", "054090001234", null, null).MaskedIdNumber);
}
