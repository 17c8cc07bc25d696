using IntegrationHub.Auth;
using IntegrationHub.Cli;

namespace IntegrationHub.Tests.Cli;

public sealed class AccountsCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AccountsCommand.RunAsync(args, new StringReader(stdin), output, error);
        return (code, output.ToString().Trim(), error.ToString());
    }

    [Fact]
    public async Task Hash_prints_a_PasswordHash_that_verifies_the_password_read_from_stdin()
    {
        var (code, hash, _) = await Run("lãnh đạo sở 2026\n", "hash");
        Assert.Equal(0, code);
        Assert.True(StaffAccounts.Verify("lãnh đạo sở 2026", hash));
        Assert.DoesNotContain("lãnh đạo", hash);
        // The printed hash is accepted as configuration.
        _ = new StaffAccounts([new StaffAccountOptions { Name = "a", Role = "admin", PasswordHash = hash }]);
    }

    [Theory]
    [InlineData("", 66)]
    [InlineData("short\n", 64)]
    public async Task Missing_or_short_password_is_refused(string stdin, int exit)
    {
        var (code, output, error) = await Run(stdin, "hash");
        Assert.Equal(exit, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Unknown_subcommand_is_a_usage_error()
    {
        Assert.Equal(64, (await Run("x\n", "list")).Code);
    }
}
