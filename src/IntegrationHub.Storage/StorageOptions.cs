namespace IntegrationHub.Storage;

/// <summary>
/// Configuration keys <c>Storage:Provider</c> (<c>sqlite</c> or <c>postgres</c>), <c>Storage:ConnectionString</c>
/// and <c>Hub:DataDir</c>. With SQLite and no connection string the database is <c>{DataDir}/hub.db</c>.
/// <c>Node</c> (<c>Hub:NodeName</c>, the machine name by default) is what this process writes as <c>delivered_by</c>
/// on the outbox rows it delivers, so with several nodes on one PostgreSQL each delivery says which node made it.
/// </summary>
public sealed record StorageOptions(string Provider = "sqlite", string? ConnectionString = null, string DataDir = "./data", string? Node = null)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
