using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>Every registered mode finds the signer of that mode, and only those (survivors of the run on Signatures/Creation).</summary>
public sealed class SignerRegistryMutationTests
{
    [Fact]
    public void The_four_modes_are_registered_each_with_its_own_signer()
    {
        Assert.Equal(["cades-detached", "cades-attached", "xades-enveloped", "pades"], SignerRegistry.Modes);
        foreach (var mode in SignerRegistry.Modes)
            Assert.Equal(mode, SignerRegistry.Find(mode)?.Mode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cades")]
    [InlineData("PADES")]
    public void An_unknown_mode_finds_no_signer(string mode) => Assert.Null(SignerRegistry.Find(mode));
}
