using IntegrationHub.Extensions;

namespace IntegrationHub.Cli;

/// <summary>`hub serve [--urls URL] [--data DIR] [--no-demo]`: runs the hub.</summary>
public static class HostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = HubApplication.Build(TranslateArgs(args));
        await app.RunAsync();
        return 0;
    }

    /// <summary>--data DIR is shorthand for --Hub:DataDir=DIR, --no-demo for --Demo:Enabled=false.</summary>
    internal static string[] TranslateArgs(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length) { result.Add($"--Hub:DataDir={args[++i]}"); continue; }
            if (args[i] == "--no-demo") { result.Add("--Demo:Enabled=false"); continue; }
            result.Add(args[i]);
        }
        return [.. result];
    }
}
