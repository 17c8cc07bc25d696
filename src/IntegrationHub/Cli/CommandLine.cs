namespace IntegrationHub.Cli;

/// <summary>Dispatches the `hub` verbs. Exit codes follow sysexits: 64 usage, 66 unreadable input (and for `hub sign`
/// with an HSM key: 67 no such key, 69 library or token unavailable, 77 PIN refused, 78 PIN variable not set).</summary>
public static class CommandLine
{
    public const int Usage = 64;
    public const int NoInput = 66;
    public const int NoKey = 67;
    public const int Unavailable = 69;
    public const int NoPermission = 77;
    public const int Configuration = 78;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = verb == "serve" && args.Length > 0 && args[0] == "serve" ? args[1..] : verb == "serve" ? args : args[1..];
        switch (verb)
        {
            case "serve":
                return await HostCommand.RunAsync(rest);
            case "verify":
                return await VerifyCommand.RunAsync(rest);
            case "sign":
                return await SignCommand.RunAsync(rest);
            case "augment":
                return await AugmentCommand.RunAsync(rest);
            case "certs":
                return await CertsCommand.RunAsync(rest);
            case "audit":
                return await AuditCommand.RunAsync(rest);
            case "accounts":
                return await AccountsCommand.RunAsync(rest);
            default:
                await Console.Error.WriteLineAsync($"hub: unknown verb '{verb}'. Verbs: serve, verify, sign, augment, certs, audit, accounts.");
                return Usage;
        }
    }
}
