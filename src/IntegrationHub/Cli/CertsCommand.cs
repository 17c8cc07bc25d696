using System.Security.Cryptography;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub certs init DIR [--base-url URL]`: writes a sample PKI (for testing only).
/// `hub certs validate CERT [--trust F]... [--untrusted F]... [--crl F]... [--ocsp] [--at T] [--format json|text]`:
/// validates a certification path alone. Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage, 66 unreadable.
/// `hub certs anchors --trust F...`: lists trust anchors (subject, SHA-256 thumbprint, notAfter).
/// </summary>
public static class CertsCommand
{
    private const string UsageText = """
        usage: hub certs init DIR [--base-url URL]
               hub certs validate CERT [--trust FILE|DIR]... [--untrusted FILE|DIR]... [--crl FILE|DIR]...
                                  [--ocsp] [--at ISO-8601] [--format json|text]
               hub certs anchors --trust FILE|DIR...
        """;

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http = null,
        CancellationToken cancellationToken = default)
    {
        var sub = args.Length > 0 ? args[0] : "";
        var parsed = CertsArguments.Parse(args.Skip(1).ToList());
        if (parsed.Error is not null || sub is not ("init" or "validate" or "anchors"))
        {
            await error.WriteLineAsync($"hub certs: {parsed.Error ?? (sub.Length == 0 ? "a sub-command is needed" : $"unknown sub-command '{sub}'")}");
            await error.WriteLineAsync(UsageText);
            return CommandLine.Usage;
        }
        try
        {
            return sub switch
            {
                "init" => await InitAsync(parsed, output, error, time),
                "anchors" => await AnchorsAsync(parsed, output, error),
                _ => await ValidateAsync(parsed, output, error, time, http, cancellationToken),
            };
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
                                      or CryptographicException or IOException)
        {
            await error.WriteLineAsync($"hub certs: cannot read input: {e.Message}");
            return CommandLine.NoInput;
        }
    }

    private static async Task<int> InitAsync(CertsArguments args, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (args.Target is null) { await error.WriteLineAsync("hub certs init: DIR is needed\n" + UsageText); return CommandLine.Usage; }
        var pki = SamplePki.Create(new Uri(args.BaseUrl ?? SamplePki.DefaultBaseUrl.AbsoluteUri), time);
        var files = pki.WriteTo(args.Target);
        await output.WriteLineAsync($"sample PKI (FOR TESTING ONLY) written to {args.Target}: {files.Count} files; PKCS#12 password '{SamplePki.Password}'");
        return 0;
    }

    private static async Task<int> AnchorsAsync(CertsArguments args, TextWriter output, TextWriter error)
    {
        if (args.Trust.Count == 0) { await error.WriteLineAsync("hub certs anchors: --trust is needed\n" + UsageText); return CommandLine.Usage; }
        foreach (var anchor in TrustStore.FromFiles(args.Trust).List())
            await output.WriteLineAsync($"{anchor.Thumbprint}  {anchor.NotAfter:yyyy-MM-dd}  {anchor.Subject}");
        return 0;
    }

    private static async Task<int> ValidateAsync(
        CertsArguments args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http,
        CancellationToken cancellationToken)
    {
        if (args.Target is null) { await error.WriteLineAsync("hub certs validate: CERT is needed\n" + UsageText); return CommandLine.Usage; }
        var targetFile = CertificateFiles.LoadCertificates([args.Target]);
        if (targetFile.Count == 0) throw new IOException($"{args.Target} holds no certificate");

        using var ownHttp = args.Ocsp && http is null ? new HttpClient() : null;
        var validator = new CertificatePathValidator(
            TrustStore.FromFiles(args.Trust),
            new RevocationOptions { Crls = CertificateFiles.LoadCrls(args.Crls), EnableOcsp = args.Ocsp, EnableCrlDownload = args.Ocsp },
            time, http ?? ownHttp,
            // A PEM holding the target and its CAs counts as target plus untrusted intermediates.
            CertificateFiles.LoadCertificates(args.Untrusted).Concat(targetFile.Skip(1)));

        var at = args.At ?? time.GetUtcNow();
        var request = new PathValidationRequest(at, [], [], []) { AtIsProofOfExistence = args.At is null };
        var result = await validator.ValidateAsync(targetFile[0], request, cancellationToken);
        if (args.Trust.Count == 0) result = result with { Warnings = [.. result.Warnings, "no trust anchor given (--trust)"] };

        var report = PathValidationReport.From(args.Target, at, result);
        await output.WriteAsync(args.Format == "json" ? report.ToJson() + "\n" : report.ToText());
        return ExitCode(result.Indication);
    }

    public static int ExitCode(string indication) => indication switch
    {
        Indication.TotalPassed => 0,
        Indication.TotalFailed => 1,
        _ => 2,
    };
}
