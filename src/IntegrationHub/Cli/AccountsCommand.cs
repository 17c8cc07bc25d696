using IntegrationHub.Auth;

namespace IntegrationHub.Cli;

/// <summary>
/// `hub accounts hash`: reads a password from standard input (one line) and prints the PBKDF2 hash to put in
/// Auth:Accounts:N:PasswordHash, so no password is ever written to configuration in clear.
/// </summary>
public static class AccountsCommand
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is not ["hash"])
        {
            await error.WriteLineAsync("usage: hub accounts hash < password-file   (prints the PasswordHash for Auth:Accounts)");
            return CommandLine.Usage;
        }
        var password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("hub accounts hash: no password on standard input.");
            return CommandLine.NoInput;
        }
        if (password.Length < 12)
        {
            await error.WriteLineAsync("hub accounts hash: use at least 12 characters.");
            return CommandLine.Usage;
        }
        await output.WriteLineAsync(StaffAccounts.Hash(password));
        return 0;
    }
}
