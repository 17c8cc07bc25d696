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

    private static async Task<(int, string, string)> Run(Func<string[], TextWriter, TextWriter, TimeProvider, HttpClient?, Task<int>> command, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await command(args, output, error, new FakeTimeProvider(TestPki.Now), null);
        return (code, output.ToString(), error.ToString());
    }
}
