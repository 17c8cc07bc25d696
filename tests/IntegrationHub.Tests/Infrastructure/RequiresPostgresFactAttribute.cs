namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// A fact skipped, saying why, when HUB_TEST_POSTGRES (a connection string to a server the test may create databases
/// on) is unset; `.ci/run` starts a throwaway PostgreSQL on 127.0.0.1 and sets it.
/// </summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES")))
            Skip = "needs PostgreSQL: set HUB_TEST_POSTGRES to a connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres), as .ci/run does";
    }
}
