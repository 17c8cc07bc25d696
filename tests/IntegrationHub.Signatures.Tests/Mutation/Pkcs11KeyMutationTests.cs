using IntegrationHub.Signatures.Creation.Pkcs11;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// A PKCS#11 key configured without what it needs to be found (survivors of the mutation run on Signatures/Creation):
/// the error names what is missing, before any library is loaded.
/// </summary>
public sealed class Pkcs11KeyMutationTests
{
    // A library path that does not exist: reaching the library would be a different error.
    private const string NoLibrary = "/nonexistent/libno-such-hsm.so";

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_key_without_a_label_is_refused_saying_so(string label)
    {
        using var key = new Pkcs11Key(new Pkcs11KeyLocation(NoLibrary, "hub-seal", null, label), () => "1234");
        Assert.Equal("No key label is configured for the PKCS#11 key.", Assert.Throws<Pkcs11KeyException>(() => key.Certificate).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_key_without_token_label_nor_slot_is_refused_saying_so(string? tokenLabel)
    {
        using var key = new Pkcs11Key(new Pkcs11KeyLocation(NoLibrary, tokenLabel, null, "seal"), () => "1234");
        Assert.Equal("Neither a token label nor a slot is configured for the PKCS#11 key.",
            Assert.Throws<Pkcs11KeyException>(() => key.Certificate).Message);
    }

    [Fact]
    public void A_slot_alone_is_enough_to_go_looking_for_the_library()
    {
        using var key = new Pkcs11Key(new Pkcs11KeyLocation(NoLibrary, null, 0, "seal"), () => "1234");
        Assert.Equal($"The PKCS#11 library {NoLibrary} does not exist.", Assert.Throws<Pkcs11KeyException>(() => key.Certificate).Message);
    }
}
