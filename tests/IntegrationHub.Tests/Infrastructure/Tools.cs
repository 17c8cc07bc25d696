using System.Diagnostics;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Runs an external tool (openssl) and fails the test with its error output when it fails.</summary>
public static class Tools
{
    public static async Task<(int ExitCode, string Output, string Error)> Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task MustRun(string tool, params string[] args)
    {
        var (code, output, error) = await Run(tool, args);
        Assert.True(code == 0, $"{tool} {string.Join(' ', args)} exited {code}: {error}{output}");
    }
}
