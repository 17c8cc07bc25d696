using IntegrationHub.Cli;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Cli;

/// <summary>Runs `hub verify` / `hub sign` in-process with captured output and a fixed clock.</summary>
public static class HubCli
{
    public static async Task<(int Code, string Out, string Err)> Verify(params string[] args) =>
        await Run(VerifyCommand.RunAsync, args);

    public static async Task<(int Code, string Out, string Err)> Sign(params string[] args) =>
        await Run(SignCommand.RunAsync, args);

    /// <summary>The built hub.dll in a process of its own (copied beside the tests by the project reference): a fresh verifier.</summary>
    public static (int Code, string Output) RunProcess(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hub.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException($"hub {args.FirstOrDefault()} did not finish"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static async Task<(int, string, string)> Run(Func<string[], TextWriter, TextWriter, TimeProvider, HttpClient?, Task<int>> command, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await command(args, output, error, new FakeTimeProvider(TestPki.Now), null);
        return (code, output.ToString(), error.ToString());
    }
}
