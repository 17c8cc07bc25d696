using IntegrationHub.Core.Dossiers;

namespace IntegrationHub.Core.Tests.Dossiers;

/// <summary>Dossier codes in Core's own suite (the store's suite has the table of shapes; these are the edges).</summary>
public class DossierCodeTests
{
    [Fact]
    public void A_six_digit_sequence_parses_and_prints_back()
    {
        Assert.True(DossierCode.TryParse("000.00.25.H47-261128-123456", out var code, out var error));
        Assert.Null(error);
        Assert.Equal(new DossierCode("000.00.25.H47", new DateOnly(2026, 11, 28), 123456, 6), code);
        Assert.Equal("000.00.25.H47-261128-123456", code!.ToString());
    }

    [Fact]
    public void An_eight_digit_date_is_kept_eight_digits_wide()
    {
        Assert.True(DossierCode.TryParse("G01-20240229-0001", out var code, out _));
        Assert.Equal(8, code!.DateWidth);
        Assert.Equal("G01-20240229-0001", code.ToString());
    }

    [Fact]
    public void Sixty_four_characters_are_matched_sixty_five_are_refused_for_their_length()
    {
        Assert.False(DossierCode.TryParse(new string('0', 64), out _, out var at64));
        Assert.Contains("must look like", at64);
        Assert.False(DossierCode.TryParse(new string('0', 65), out _, out var at65));
        Assert.Contains("longer than 64", at65);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("000.00.25.H47-261128-1234567")]
    [InlineData("000.00.25.H47-2611281-0001")]
    public void Blank_or_misshapen_codes_are_not_valid(string text)
    {
        Assert.False(DossierCode.IsValid(text));
        Assert.False(DossierCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        Assert.NotNull(error);
    }

    [Fact]
    public void A_bad_date_names_the_format_it_was_read_with()
    {
        DossierCode.TryParse("000.00.25.H47-20261331-0001", out _, out var wide);
        Assert.Equal("'20261331' is not a valid date (yyyyMMdd)", wide);
        DossierCode.TryParse("000.00.25.H47-261331-0001", out _, out var narrow);
        Assert.Equal("'261331' is not a valid date (yyMMdd)", narrow);
    }

    [Fact]
    public void A_valid_code_is_valid()
        => Assert.True(DossierCode.IsValid("000.00.25.H47-261128-0001"));
}
