using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub sign FILE --p12 FILE [--password-env VAR] --as cades-detached|cades-attached|xades-enveloped|pades [--tsa URL] --out FILE`:
/// signs FILE with the PKCS#12 key (B-T when --tsa is given). Exit 0 signed, 1 signing failed, 64 usage, 66 unreadable input.
/// </summary>
public static class SignCommand
{
    public const string UsageText = """
        usage: hub sign FILE --p12 FILE [--password-env VAR] --as cades-detached|cades-attached|xades-enveloped|pades
                            [--tsa URL] --out FILE
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http = null)
    {
        string? file = null, p12 = null, passwordEnv = null, mode = null, tsa = null, outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--p12": p12 = Value(); break;
                case "--password-env": passwordEnv = Value(); break;
                case "--as": mode = Value(); break;
                case "--tsa": tsa = Value(); break;
                case "--out": outFile = Value(); break;
                default:
                    if (args[i].StartsWith('-') || file is not null) return await Usage(error, $"unexpected argument '{args[i]}'");
                    file = args[i];
                    break;
            }
        }
        if (file is null || p12 is null || mode is null || outFile is null) return await Usage(error, "FILE, --p12, --as and --out are needed");
        if (SignerRegistry.Find(mode) is not { } signer) return await Usage(error, $"--as takes one of {string.Join(", ", SignerRegistry.Modes)}");
        Uri? tsaUrl = null;
        if (tsa is not null && (!Uri.TryCreate(tsa, UriKind.Absolute, out tsaUrl) || tsaUrl.Scheme is not ("http" or "https")))
            return await Usage(error, "--tsa takes an http(s) URL");
        string? password = null;
        if (passwordEnv is not null && (password = Environment.GetEnvironmentVariable(passwordEnv)) is null)
            return await Usage(error, $"the environment variable {passwordEnv} is not set");

        byte[] document;
        X509Certificate2 certificate;
        List<X509Certificate2> chain;
        try
        {
            document = await File.ReadAllBytesAsync(file);
            var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(p12, password, X509KeyStorageFlags.Exportable);
            certificate = collection.FirstOrDefault(c => c.HasPrivateKey) ?? throw new CryptographicException("the PKCS#12 file holds no private key");
            chain = collection.Where(c => !c.HasPrivateKey).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            await error.WriteLineAsync($"hub sign: cannot read input: {e.Message}");
            return CommandLine.NoInput;
        }

        using var ownHttp = tsaUrl is not null && http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
        var timestamps = tsaUrl is null ? null : new TimestampClient(http ?? ownHttp!, tsaUrl);
        var parameters = new SigningParameters(time.GetUtcNow(), HashAlgorithmName.SHA256, [certificate, .. chain], WithTimestamp: tsaUrl is not null);
        try
        {
            var signed = await LocalSigner.SignAsync(signer, document, certificate, parameters, timestamps);
            await File.WriteAllBytesAsync(outFile, signed);
            await output.WriteLineAsync($"signed {file} as {mode}{(tsaUrl is null ? "" : " with a timestamp")}: {outFile}");
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"hub sign: signing failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Usage(TextWriter error, string message)
    {
        await error.WriteLineAsync($"hub sign: {message}\n{UsageText}");
        return CommandLine.Usage;
    }
}
