using IntegrationHub.Signatures.Creation.Pkcs11;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>How messages name the token (survivors of the mutation run on Signatures/Creation): by label when there is one, else by slot.</summary>
public sealed class Pkcs11KeyLocationMutationTests
{
    [Fact]
    public void The_token_is_named_by_its_label_or_else_by_its_slot()
    {
        Assert.Equal("token 'hub-seal'", new Pkcs11KeyLocation("/lib.so", "hub-seal", 3, "seal").Token);
        Assert.Equal("slot 3", new Pkcs11KeyLocation("/lib.so", "", 3, "seal").Token);
        Assert.Equal("slot 3", new Pkcs11KeyLocation("/lib.so", null, 3, "seal").Token);
    }
}
