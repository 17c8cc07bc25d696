using IntegrationHub.Signatures.Creation.Pkcs11;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>A file that is not a PKCS#11 library (survivors of the mutation run on Signatures/Creation) is a clear error, not a crash.</summary>
public sealed class Pkcs11LibrariesMutationTests
{
    [Fact]
    public void A_file_that_is_no_shared_library_cannot_be_loaded_and_says_so()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-pkcs11-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "this is not an ELF shared object");
        try
        {
            var e = Assert.Throws<Pkcs11KeyException>(() => Pkcs11Libraries.Get(path));
            Assert.StartsWith($"The PKCS#11 library {path} cannot be loaded: ", e.Message);
            Assert.NotNull(e.InnerException);
        }
        finally { File.Delete(path); }
    }
}
