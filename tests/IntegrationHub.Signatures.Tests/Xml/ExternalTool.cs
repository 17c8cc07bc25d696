using System.Diagnostics;

namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>Runs an independent tool (xmlsec1, openssl) and captures what it says.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static bool IsOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    public static Result Run(string tool, params string[] arguments) => RunIn(null, tool, arguments);

    /// <summary>Runs the tool in <paramref name="workingDirectory"/> (relative URIs and paths resolve there).</summary>
    public static Result RunIn(string? workingDirectory, string tool, params string[] arguments)
    {
        // Standard input closed at once: a tool that would prompt (a PIN, a passphrase, missing input) reads end of file
        // instead of waiting on whatever the test host was given.
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Bounded waits throughout: a stuck tool fails its test, naming the tool, instead of hanging the run.
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 60 s");
        }
        if (!Task.WaitAll([output, error], TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"{tool} exited but its output stayed open (a child of it still holds it)");
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
