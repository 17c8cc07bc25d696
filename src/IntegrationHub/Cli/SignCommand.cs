using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub sign FILE (--p12 FILE [--password-env VAR] | --pkcs11-library PATH (--token-label L | --slot N) --key-label K
/// --pin-env VAR [--certificate FILE]) --as ... [--tsa URL] --out FILE`: signs FILE with the PKCS#12 key or with a key in
/// an HSM, located as the host's Signing:Pkcs11:* keys locate it (B-T when --tsa is given). Exit 0 signed, 1 signing
/// failed, 64 usage, 66 unreadable input, and for the HSM: 67 no such key, 69 library or token unavailable, 77 PIN
/// refused, 78 PIN variable not set. The output is written whole or not at all.
/// </summary>
public static class SignCommand
{
    public const string UsageText = """
        usage: hub sign FILE --p12 FILE [--password-env VAR] --as MODE [--tsa URL] --out FILE
               hub sign FILE --pkcs11-library PATH (--token-label LABEL | --slot ID) --key-label LABEL --pin-env VAR
                             [--certificate FILE] --as MODE [--tsa URL] --out FILE
          MODE: cades-detached | cades-attached | xades-enveloped | pades
          --pin-env names the environment variable holding the token's user PIN (the PIN is never an argument);
          --certificate is the key's certificate when the token holds none with the key's CKA_ID or label.
          exit: 0 signed, 1 signing failed, 64 usage, 66 unreadable input, 67 no such key (or no certificate for it)
                on the token, 69 PKCS#11 library or token unavailable, 77 PIN refused, 78 PIN variable not set
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpClient? http = null)
    {
        string? file = null, p12 = null, passwordEnv = null, mode = null, tsa = null, outFile = null;
        string? library = null, tokenLabel = null, slotText = null, keyLabel = null, pinEnv = null, certificatePath = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--p12": p12 = Value(); break;
                case "--password-env": passwordEnv = Value(); break;
                case "--pkcs11-library": library = Value(); break;
                case "--token-label": tokenLabel = Value(); break;
                case "--slot": slotText = Value(); break;
                case "--key-label": keyLabel = Value(); break;
                case "--pin-env": pinEnv = Value(); break;
                case "--certificate": certificatePath = Value(); break;
                case "--as": mode = Value(); break;
                case "--tsa": tsa = Value(); break;
                case "--out": outFile = Value(); break;
                default:
                    if (args[i].StartsWith('-') || file is not null) return await Usage(error, $"unexpected argument '{args[i]}'");
                    file = args[i];
                    break;
            }
        }
        if (file is null || mode is null || outFile is null) return await Usage(error, "FILE, --as and --out are needed");
        if ((p12 is null) == (library is null)) return await Usage(error, "give either --p12 or --pkcs11-library (one of them)");
        if (p12 is not null && (tokenLabel ?? slotText ?? keyLabel ?? pinEnv ?? certificatePath) is not null)
            return await Usage(error, "--token-label, --slot, --key-label, --pin-env and --certificate go with --pkcs11-library, not --p12");
        if (library is not null && passwordEnv is not null) return await Usage(error, "--password-env goes with --p12; the token PIN is named by --pin-env");
        if (SignerRegistry.Find(mode) is not { } signer) return await Usage(error, $"--as takes one of {string.Join(", ", SignerRegistry.Modes)}");
        Uri? tsaUrl = null;
        if (tsa is not null && (!Uri.TryCreate(tsa, UriKind.Absolute, out tsaUrl) || tsaUrl.Scheme is not ("http" or "https")))
            return await Usage(error, "--tsa takes an http(s) URL");

        Pkcs11KeyLocation? location = null;
        string? pin = null;
        if (library is not null)
        {
            if ((tokenLabel is null) == (slotText is null)) return await Usage(error, "give either --token-label or --slot (one of them) with --pkcs11-library");
            ulong? slot = null;
            if (slotText is not null)
            {
                if (!ulong.TryParse(slotText, out var id)) return await Usage(error, "--slot takes a slot id (a number)");
                slot = id;
            }
            if (string.IsNullOrWhiteSpace(keyLabel)) return await Usage(error, "--key-label is needed with --pkcs11-library");
            if (string.IsNullOrWhiteSpace(pinEnv)) return await Usage(error, "--pin-env is needed with --pkcs11-library");
            // Checked before the token is opened, so a forgotten export is named as such rather than as a refused PIN.
            if ((pin = Environment.GetEnvironmentVariable(pinEnv)) is not { Length: > 0 })
            {
                await error.WriteLineAsync($"hub sign: the environment variable {pinEnv} (--pin-env) holding the token PIN is not set");
                return CommandLine.Configuration;
            }
            location = new Pkcs11KeyLocation(library, tokenLabel, slot, keyLabel, certificatePath);
        }
        string? password = null;
        if (passwordEnv is not null && (password = Environment.GetEnvironmentVariable(passwordEnv)) is null)
            return await Usage(error, $"the environment variable {passwordEnv} is not set");

        byte[] document;
        IDigestSigner key;
        List<X509Certificate2> chain = [];
        try
        {
            document = await File.ReadAllBytesAsync(file);
            if (location is not null)
            {
                key = new Pkcs11Key(location, () => pin!);
            }
            else
            {
                var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(p12!, password, X509KeyStorageFlags.Exportable);
                key = new LocalDigestSigner(collection.FirstOrDefault(c => c.HasPrivateKey)
                    ?? throw new CryptographicException("the PKCS#12 file holds no private key"));
                chain = collection.Where(c => !c.HasPrivateKey).ToList();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            await error.WriteLineAsync($"hub sign: cannot read input: {e.Message}");
            return CommandLine.NoInput;
        }

        using var hsm = key as Pkcs11Key;
        using var ownHttp = tsaUrl is not null && http is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
        var timestamps = tsaUrl is null ? null : new TimestampClient(http ?? ownHttp!, tsaUrl);
        try
        {
            // For an HSM key, reading the certificate opens the token and logs in: its failures come out here, before any work.
            var certificate = key.Certificate;
            var parameters = new SigningParameters(time.GetUtcNow(), HashAlgorithmName.SHA256, [certificate, .. chain], WithTimestamp: tsaUrl is not null);
            var prepared = signer.Prepare(document, certificate, parameters);
            var signed = await signer.CompleteAsync(prepared, key.SignDigest(prepared), timestamps);
            await WriteWholeAsync(outFile, signed);
            await output.WriteLineAsync($"signed {file} as {mode}{(tsaUrl is null ? "" : " with a timestamp")}: {outFile}");
            return 0;
        }
        catch (Pkcs11KeyException e)
        {
            await error.WriteLineAsync($"hub sign: the HSM key cannot be used: {e.Message}");
            return ExitCode(e.Failure);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"hub sign: signing failed: {e.Message}");
            return 1;
        }
    }

    private static int ExitCode(Pkcs11KeyFailure failure) => failure switch
    {
        Pkcs11KeyFailure.Library or Pkcs11KeyFailure.Token => CommandLine.Unavailable,
        Pkcs11KeyFailure.Pin => CommandLine.NoPermission,
        Pkcs11KeyFailure.Key => CommandLine.NoKey,
        Pkcs11KeyFailure.Certificate => CommandLine.NoInput,
        Pkcs11KeyFailure.Configuration => CommandLine.Configuration,
        _ => 1,
    };

    /// <summary>Writes beside the target and renames, so a failure half-way (a full disk) leaves no partial file under that name.</summary>
    private static async Task WriteWholeAsync(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<int> Usage(TextWriter error, string message)
    {
        await error.WriteLineAsync($"hub sign: {message}\n{UsageText}");
        return CommandLine.Usage;
    }
}
