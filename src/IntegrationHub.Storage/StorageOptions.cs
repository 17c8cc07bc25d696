namespace IntegrationHub.Storage;

/// <summary>
/// Configuration keys <c>Storage:Provider</c> (<c>sqlite</c> or <c>postgres</c>), <c>Storage:ConnectionString</c>
/// and <c>Hub:DataDir</c>. With SQLite and no connection string the database is <c>{DataDir}/hub.db</c>.
/// </summary>
public sealed record StorageOptions(string Provider = "sqlite", string? ConnectionString = null, string DataDir = "./data")
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
