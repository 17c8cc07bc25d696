using System.Globalization;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub verify FILE [--content FILE] [--trust PEM]... [--untrusted PEM]... [--crl FILE]... [--ocsp] [--at ISO-8601]
/// [--policy NAME|FILE] [--format json|text]`: validates every signature in FILE.
/// Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage error, 66 unreadable input.
/// </summary>
public static class VerifyCommand
{
    public const string UsageText = """
        usage: hub verify FILE [--content FILE] [--trust FILE|DIR]... [--untrusted FILE|DIR]... [--crl FILE|DIR]...
                              [--ocsp] [--at ISO-8601] [--policy NAME|FILE] [--format json|text]
        """;

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, StandardStreams.Output(), StandardStreams.Error(), TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http = null)
    {
        var parsed = VerifyArguments.Parse(args);
        if (parsed.Error is not null || parsed.File is null)
        {
            await error.WriteLineAsync($"hub verify: {parsed.Error ?? "FILE is needed"}\n{UsageText}");
            return CommandLine.Usage;
        }
        CryptoPolicy policy;
        try { policy = CryptoPolicy.Load(parsed.Policy); }
        catch (ArgumentException e) { await error.WriteLineAsync($"hub verify: {e.Message}"); return CommandLine.Usage; }

        try
        {
            var trust = new TrustStore(CertificateFiles.LoadCertificates(parsed.Trust));
            var untrusted = CertificateFiles.LoadCertificates(parsed.Untrusted);
            var revocation = new RevocationOptions { Crls = CertificateFiles.LoadCrls(parsed.Crls), EnableOcsp = parsed.Ocsp, EnableCrlDownload = parsed.Ocsp };
            using var ownHttp = parsed.Ocsp && http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(15) } : null;
            var paths = new CertificatePathValidator(trust, revocation, time, http ?? ownHttp, untrusted, policy);
            await using var file = File.OpenRead(parsed.File);
            await using var content = parsed.Content is null ? null : File.OpenRead(parsed.Content);
            var options = new ValidationOptions(paths) { Policy = policy, At = parsed.At, Ocsp = parsed.Ocsp, ExtraCertificates = untrusted };
            var report = new SignatureValidator(time).Validate(new SignedFile(Path.GetFileName(parsed.File), file, content), options);
            await output.WriteAsync(parsed.Format == "json" ? ReportJson.Serialize(report) + "\n" : ReportText.Format(report));
            return ExitCode(report.Indication);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException or CryptographicException)
        {
            await error.WriteLineAsync($"hub verify: cannot read input: {e.Message}");
            return CommandLine.NoInput;
        }
    }

    public static int ExitCode(string indication) => indication switch
    {
        Indication.TotalPassed => 0,
        Indication.TotalFailed => 1,
        _ => 2,
    };
}

/// <summary>The parsed flags of `hub verify`; <see cref="Error"/> is set on a usage error (exit 64).</summary>
internal sealed record VerifyArguments
{
    public string? File { get; init; }
    public string? Content { get; init; }
    public List<string> Trust { get; } = [];
    public List<string> Untrusted { get; } = [];
    public List<string> Crls { get; } = [];
    public bool Ocsp { get; init; }
    public DateTimeOffset? At { get; init; }
    public string Policy { get; init; } = "vn-default";
    public string Format { get; init; } = "text";
    public string? Error { get; init; }

    public static VerifyArguments Parse(IReadOnlyList<string> args)
    {
        var result = new VerifyArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--content": if (Value() is { } c) result = result with { Content = c }; else return Fail(arg); break;
                case "--trust": if (Value() is { } t) result.Trust.Add(t); else return Fail(arg); break;
                case "--untrusted": if (Value() is { } u) result.Untrusted.Add(u); else return Fail(arg); break;
                case "--crl": if (Value() is { } r) result.Crls.Add(r); else return Fail(arg); break;
                case "--ocsp": result = result with { Ocsp = true }; break;
                case "--policy": if (Value() is { } p) result = result with { Policy = p }; else return Fail(arg); break;
                case "--at":
                    if (Value() is not { } at) return Fail(arg);
                    if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
                        return result with { Error = $"--at: '{at}' is not an ISO-8601 date and time" };
                    result = result with { At = when };
                    break;
                case "--format":
                    var format = Value();
                    if (format is not ("json" or "text")) return result with { Error = "--format takes json or text" };
                    result = result with { Format = format };
                    break;
                default:
                    if (arg.StartsWith('-') || result.File is not null) return result with { Error = $"unexpected argument '{arg}'" };
                    result = result with { File = arg };
                    break;
            }
        }
        return result;

        VerifyArguments Fail(string flag) => result with { Error = $"{flag} needs a value" };
    }
}
