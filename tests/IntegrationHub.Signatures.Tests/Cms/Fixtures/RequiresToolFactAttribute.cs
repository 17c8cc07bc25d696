namespace IntegrationHub.Signatures.Tests.Cms.Fixtures;

/// <summary>A fact that is skipped, saying why, when an independent tool (openssl, ...) is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (!Tools.OnPath(tool)) Skip = $"'{tool}' is not on PATH; install it (.ci/run does) to run this cross-check.";
    }
}

public static class Tools
{
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>Runs a tool and returns (exit code, stdout+stderr). Never touches the network.</summary>
    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var result = Xml.ExternalTool.Run(tool, args);
        return (result.ExitCode, result.Output + result.Error);
    }

    public static string OpenSsl(params string[] args)
    {
        var (code, output) = Run("openssl", args);
        if (code != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed ({code}): {output}");
        return output;
    }
}

/// <summary>A theory that is skipped, saying why, when a tool is not on PATH.</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(string tool)
    {
        if (!Tools.OnPath(tool)) Skip = $"'{tool}' is not on PATH; install it (.ci/run does) to run this cross-check.";
    }
}
