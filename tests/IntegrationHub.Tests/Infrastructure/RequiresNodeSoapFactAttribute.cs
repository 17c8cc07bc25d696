namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A fact skipped (with the reason) when node or tests/node-soap/node_modules is absent; `.ci/run` runs `npm ci` there.</summary>
public sealed class RequiresNodeSoapFactAttribute : FactAttribute
{
    public RequiresNodeSoapFactAttribute()
    {
        if (!RequiresToolFactAttribute.OnPath("node")) Skip = "needs node on PATH";
        else if (!Directory.Exists(Path.Combine(Folder, "node_modules", "soap")))
            Skip = "tests/node-soap/node_modules is absent: run `npm ci` in tests/node-soap";
    }

    public static string Folder => Path.Combine(ContractTests.RepositoryRoot(), "tests", "node-soap");
}
