namespace IntegrationHub.Storage.Tests.Fixtures;

/// <summary>
/// The providers every store test runs against: SQLite always, PostgreSQL when <see cref="PostgresServer"/> finds one.
/// When it does not, <see cref="RequiresPostgresFactAttribute"/> reports the skip with the reason.
/// </summary>
public static class Providers
{
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { StorageOptions.Sqlite };
            if (PostgresServer.AdminConnectionString is not null) data.Add(StorageOptions.Postgres);
            return data;
        }
    }
}

/// <summary>A fact that is skipped, saying why, when no PostgreSQL can be found or started.</summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (PostgresServer.AdminConnectionString is null) Skip = PostgresServer.Reason;
    }
}
