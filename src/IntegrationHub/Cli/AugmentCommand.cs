using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub augment FILE [--content FILE] --to lt|lta --out FILE [--trust ..] [--untrusted ..] [--crl ..] [--ocsp] [--tsa URL]
/// [--policy NAME|FILE] [--format json|text]`: raises a signature to B-LT (validation data embedded) or B-LTA (and an
/// archive timestamp; on a B-LTA, one more). --ocsp lets the engine fetch OCSP answers and CRLs over HTTP; without it only
/// the --crl files are used. Exit 0 written, 1 refused (nothing written), 64 usage, 66 unreadable input.
/// </summary>
public static class AugmentCommand
{
    public const string UsageText = """
        usage: hub augment FILE [--content FILE] --to lt|lta --out FILE [--trust FILE|DIR]... [--untrusted FILE|DIR]...
                               [--crl FILE|DIR]... [--ocsp] [--tsa URL] [--policy NAME|FILE] [--format json|text]
        """;

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, StandardStreams.Output(), StandardStreams.Error(), TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http = null)
    {
        // The flags hub verify takes, plus --to, --out and --tsa.
        var rest = new List<string>();
        string? to = null, outFile = null, tsa = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--to": to = Value(); break;
                case "--out": outFile = Value(); break;
                case "--tsa": tsa = Value() ?? ""; break;
                case "--at": return await Usage(error, "--at is not an augment option (augmentation happens now)");
                default: rest.Add(args[i]); break;
            }
        }
        var parsed = VerifyArguments.Parse(rest);
        if (parsed.Error is not null || parsed.File is null) return await Usage(error, parsed.Error ?? "FILE is needed");
        if (to is not ("lt" or "lta")) return await Usage(error, "--to takes lt or lta");
        if (outFile is null) return await Usage(error, "--out FILE is needed");
        Uri? tsaUrl = null;
        if (tsa is not null && (!Uri.TryCreate(tsa, UriKind.Absolute, out tsaUrl) || tsaUrl.Scheme is not ("http" or "https")))
            return await Usage(error, "--tsa takes an http(s) URL");
        CryptoPolicy policy;
        try { policy = CryptoPolicy.Load(parsed.Policy); }
        catch (ArgumentException e) { return await Usage(error, e.Message); }

        byte[] document;
        byte[]? content;
        TrustStore trust;
        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> untrusted;
        IReadOnlyList<byte[]> crls;
        try
        {
            document = await File.ReadAllBytesAsync(parsed.File);
            content = parsed.Content is null ? null : await File.ReadAllBytesAsync(parsed.Content);
            trust = new TrustStore(CertificateFiles.LoadCertificates(parsed.Trust));
            untrusted = CertificateFiles.LoadCertificates(parsed.Untrusted);
            crls = CertificateFiles.LoadCrls(parsed.Crls);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException or CryptographicException)
        {
            await error.WriteLineAsync($"hub augment: cannot read input: {e.Message}");
            return CommandLine.NoInput;
        }

        using var ownHttp = (parsed.Ocsp || tsaUrl is not null) && http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(15) } : null;
        var client = http ?? ownHttp;
        var limits = new RevocationOptions { Crls = crls };
        var sources = (parsed.Ocsp ? ValidationDataSources.Online(client!, time, limits) : new ValidationDataSources { Options = limits })
            with { Certificates = untrusted, Crls = crls };
        // The result is checked with the data it carries, as a later verifier would; the network is for gathering only.
        var validation = new ValidationOptions(new CertificatePathValidator(trust, new RevocationOptions(), time, null, untrusted, policy))
        { Policy = policy, ExtraCertificates = untrusted };
        var options = new AugmentationOptions(validation, trust, sources)
        { Timestamps = tsaUrl is null ? null : new TimestampClient(client!, tsaUrl) };

        try
        {
            var result = await new SignatureAugmenter(time).AugmentAsync(document, content,
                to == "lta" ? AugmentationTarget.Lta : AugmentationTarget.Lt, options);
            // Written whole or not at all: a temporary file beside the target, then moved over it.
            var temporary = outFile + ".tmp-" + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temporary, result.Document);
            File.Move(temporary, outFile, overwrite: true);
            if (parsed.Format == "json") await output.WriteAsync(ReportJson.Serialize(result.Report) + "\n");
            else
            {
                await output.WriteLineAsync($"augmented {parsed.File} to {result.Report.Signatures[0].Level}: {outFile}");
                await output.WriteAsync(ReportText.Format(result.Report));
            }
            return 0;
        }
        catch (AugmentationRefusedException e)
        {
            await error.WriteLineAsync($"hub augment: refused ({e.Reason}): {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"hub augment: cannot write {outFile}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Usage(TextWriter error, string message)
    {
        await error.WriteLineAsync($"hub augment: {message}\n{UsageText}");
        return CommandLine.Usage;
    }
}
