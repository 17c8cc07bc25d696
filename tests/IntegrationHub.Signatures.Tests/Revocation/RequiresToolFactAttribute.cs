namespace IntegrationHub.Signatures.Tests.Revocation;

/// <summary>A fact skipped, saying so, when an independent tool (openssl...) is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (ToolPath(tool) is null) Skip = $"{tool} is not installed (on PATH); .ci/run installs it";
    }

    public static string? ToolPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, tool))
        .FirstOrDefault(File.Exists);
}
