namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A theory whose cases are skipped, saying why, when a command-line tool is not on PATH.</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !RequiresToolFactAttribute.OnPath(t)).ToList();
        if (missing.Count > 0) Skip = $"needs {string.Join(", ", missing)} on PATH";
    }
}
