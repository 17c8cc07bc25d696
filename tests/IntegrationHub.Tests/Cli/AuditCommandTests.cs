using Microsoft.Data.Sqlite;

namespace IntegrationHub.Tests.Cli;

/// <summary>
/// `hub audit verify` as the operator runs it: the real `hub` binary, as a separate process, over the SQLite file
/// that real intake (Kestrel on 127.0.0.1) wrote the chain into.
/// </summary>
public sealed class AuditCommandTests(TestHub hub) : IClassFixture<TestHub>
{
    private static readonly string HubBinary = Path.Combine(AppContext.BaseDirectory, "hub");

    private Task<(int ExitCode, string Output, string Error)> Verify() => Tools.Run(HubBinary, "audit", "verify", "--data", hub.DataDir);

    [Fact]
    public async Task Verify_passes_over_a_chain_from_intake_then_names_the_first_tampered_entry_and_exits_non_zero()
    {
        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var code = Submissions.NextCode();
            Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, content: $"đơn {i}"))).StatusCode);
            codes.Add(code);
        }

        var (ok, okOutput, okError) = await Verify();
        Assert.True(ok == 0, $"exit {ok}: {okError}{okOutput}");
        Assert.Matches(@"audit chain OK: \d+ entries", okOutput);

        // Alter two entries written by intake, as someone with write access to the file would; the command must name
        // the earlier one, and change nothing.
        var database = Path.Combine(hub.DataDir, "hub.db");
        long second, third;
        await using (var c = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await c.OpenAsync();
            second = await Scalar(c, $"SELECT seq FROM audit_log WHERE subject = '{codes[1]}' AND action = 'dossier.submit'");
            third = await Scalar(c, $"SELECT seq FROM audit_log WHERE subject = '{codes[2]}' AND action = 'dossier.submit'");
            Assert.True(second < third);
            await Scalar(c, $"UPDATE audit_log SET actor = 'someone-else' WHERE seq = {second}; UPDATE audit_log SET details = 'altered' WHERE seq = {third}; SELECT 0");
        }

        var (broken, output, error) = await Verify();

        Assert.True(broken != 0, $"tampered chain must not verify: {output}{error}");
        Assert.Equal(1, broken);
        Assert.Contains($"BROKEN at entry {second}:", output);
        Assert.DoesNotContain("chain OK", output);
        var (again, againOutput, _) = await Verify();
        Assert.Equal((1, output), (again, againOutput));
    }

    [Fact]
    public async Task Verify_without_a_database_exits_66_and_says_where_it_looked()
    {
        var empty = Directory.CreateTempSubdirectory("hub-audit-empty-").FullName;
        var (code, _, error) = await Tools.Run(HubBinary, "audit", "verify", "--data", empty);
        Assert.Equal(66, code);
        Assert.Contains(Path.Combine(empty, "hub.db"), error);
        Assert.False(File.Exists(Path.Combine(empty, "hub.db")));
    }

    private static async Task<long> Scalar(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
