using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Xunit.Abstractions;

namespace IntegrationHub.Signatures.Tests.Pkits;

/// <summary>
/// Every named PKITS test (4.1 to 4.16) classified as its name says, with the default inputs of `hub certs
/// validate`: any policy acceptable, policy mapping allowed, no explicit policy required.
/// Valid*: TOTAL_PASSED. Invalid*: anything but TOTAL_PASSED.
/// </summary>
public sealed class PkitsTests(ITestOutputHelper output)
{
    [PkitsTheory]
    [MemberData(nameof(PkitsData.NamedTests), MemberType = typeof(PkitsData))]
    public async Task Named_test_is_classified_as_its_name_says(string name)
    {
        var result = await PkitsData.Validator.ValidateAsync(
            PkitsData.Load(name),
            new PathValidationRequest(PkitsData.ValidationTime, [], [], []));
        output.WriteLine($"{name}: {result.Indication} {result.SubIndication} {string.Join(" | ", result.Errors)}");

        if (name.StartsWith("Valid", StringComparison.Ordinal))
            Assert.Equal(Indication.TotalPassed, result.Indication);
        else
            Assert.NotEqual(Indication.TotalPassed, result.Indication);
    }

    [PkitsTheory]
    [InlineData("ValidCertificatePathTest1EE")]
    public async Task Valid_path_runs_from_target_to_the_anchor(string name)
    {
        var result = await PkitsData.Validator.ValidateAsync(
            PkitsData.Load(name), new PathValidationRequest(PkitsData.ValidationTime, [], [], []));
        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Equal(3, result.Chain.Count);
        Assert.Contains("Good CA", result.Chain[1].Subject);
        Assert.Contains("Trust Anchor", result.Chain[2].Subject);
    }

    [PkitsTheory]
    [InlineData("InvalidRevokedEETest3EE", SubIndication.Revoked)]
    [InlineData("InvalidRevokedCATest2EE", SubIndication.Revoked)]
    [InlineData("InvalidEESignatureTest3EE", SubIndication.CertificateChainGeneralFailure)]
    // The CRLs show it was not revoked while valid.
    [InlineData("InvalidEEnotAfterDateTest6EE", SubIndication.OutOfBoundsNotRevoked)]
    [InlineData("InvalidEEnotBeforeDateTest2EE", SubIndication.NotYetValid)]
    [InlineData("InvalidMissingCRLTest1EE", SubIndication.TryLater)]
    [InlineData("InvalidcAFalseTest2EE", SubIndication.ChainConstraintsFailure)]
    public async Task Invalid_tests_fail_with_the_ETSI_word_for_their_reason(string name, string subIndication)
    {
        var result = await PkitsData.Validator.ValidateAsync(
            PkitsData.Load(name), new PathValidationRequest(PkitsData.ValidationTime, [], [], []));
        output.WriteLine($"{name}: {result.Indication} {result.SubIndication} {string.Join(" | ", result.Errors)}");
        Assert.Equal(subIndication, result.SubIndication);
    }
}
