using IntegrationHub.Logging;

namespace IntegrationHub.Tests;

public sealed class CitizenIdMaskTests
{
    [Theory]
    [InlineData("CCCD 054090001234 nộp hồ sơ", "CCCD ********1234 nộp hồ sơ")]
    [InlineData("CMND 123456789", "CMND ******789")]
    [InlineData("054090001234,123456789", "********1234,******789")]
    [InlineData("{\"idNumber\":\"054090001234\"}", "{\"idNumber\":\"********1234\"}")]
    public void Citizen_id_numbers_keep_only_their_last_digits(string input, string expected) =>
        Assert.Equal(expected, CitizenIdMask.Mask(input));

    [Theory]
    [InlineData("000.00.25.H47-261130-0001")]
    [InlineData("2026-11-30T08:30:00+07:00")]
    [InlineData("1234567890")]          // 10 digits: neither CMND nor CCCD
    [InlineData("12345678901234")]      // 14 digits
    public void Other_numbers_are_left_alone(string input) => Assert.Equal(input, CitizenIdMask.Mask(input));
}
