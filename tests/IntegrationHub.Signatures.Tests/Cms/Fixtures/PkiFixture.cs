namespace IntegrationHub.Signatures.Tests.Cms.Fixtures;

/// <summary>One PKI per test run: key generation is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class PkiCollection : ICollectionFixture<TestPki>
{
    public const string Name = "pki";
}
