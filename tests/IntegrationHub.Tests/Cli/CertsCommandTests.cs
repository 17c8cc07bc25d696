using System.Text.Json;
using IntegrationHub.Cli;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Cli;

/// <summary>`hub certs` run in-process: exit codes and the JSON words.</summary>
public sealed class CertsCommandTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hub-certs-" + Guid.NewGuid().ToString("N"));

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CertsCommand.RunAsync(args, output, error, Clock);
        return (code, output.ToString(), error.ToString());
    }

    private async Task Init()
    {
        var (code, _, _) = await Run("init", _dir);
        Assert.Equal(0, code);
    }

    private string[] Validate(string cert, params string[] extra) =>
        ["validate", Path.Combine(_dir, cert), "--trust", Path.Combine(_dir, "root-ca.crt"),
         "--untrusted", Path.Combine(_dir, "chain.pem"),
         "--crl", Path.Combine(_dir, "issuing-ca.crl"), "--crl", Path.Combine(_dir, "root-ca.crl"), "--format", "json", .. extra];

    [Fact]
    public async Task Init_writes_the_sample_PKI_with_a_test_only_README()
    {
        await Init();
        foreach (var file in new[] { "root-ca.crt", "issuing-ca.crl", "citizen.p12", "citizen-ecdsa.p12", "tsa.p12", "index.txt" })
            Assert.True(File.Exists(Path.Combine(_dir, file)), file);
        var readme = await File.ReadAllTextAsync(Path.Combine(_dir, "README.md"));
        Assert.Contains("FOR TESTING ONLY", readme);
        Assert.Contains("changeit", readme);
    }

    [Fact]
    public async Task Valid_citizen_exits_0_with_TOTAL_PASSED_and_the_chain_in_JSON()
    {
        await Init();
        var (code, output, _) = await Run(Validate("citizen.crt"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("TOTAL_PASSED", json.RootElement.GetProperty("indication").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("subIndication").ValueKind);
        Assert.Equal(3, json.RootElement.GetProperty("chain").GetArrayLength());
        Assert.Contains("Trần Tấn Phú", json.RootElement.GetProperty("chain")[0].GetProperty("subject").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Revoked_exits_1_with_REVOKED()
    {
        await Init();
        var (code, output, _) = await Run(Validate("revoked.crt"));

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("TOTAL_FAILED", json.RootElement.GetProperty("indication").GetString());
        Assert.Equal("REVOKED", json.RootElement.GetProperty("subIndication").GetString());
    }

    [Fact]
    public async Task Expired_exits_2_with_OUT_OF_BOUNDS_NO_POE()
    {
        await Init();
        var (code, output, _) = await Run(Validate("expired.crt"));

        Assert.Equal(2, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("OUT_OF_BOUNDS_NO_POE", json.RootElement.GetProperty("subIndication").GetString());
    }

    [Fact]
    public async Task At_before_the_revocation_is_only_claimed_so_revoked_gives_REVOKED_NO_POE()
    {
        await Init();
        var (code, output, _) = await Run(Validate("revoked.crt", "--at", "2026-11-27T08:30:00Z"));

        Assert.Equal(2, code);
        Assert.Equal("REVOKED_NO_POE", JsonDocument.Parse(output).RootElement.GetProperty("subIndication").GetString());
    }

    [Fact]
    public async Task Missing_certificate_file_exits_66()
    {
        var (code, _, error) = await Run("validate", Path.Combine(_dir, "nope.crt"));
        Assert.Equal(66, code);
        Assert.Contains("cannot read", error);
    }

    [Fact]
    public async Task Garbage_certificate_file_exits_66()
    {
        Directory.CreateDirectory(_dir);
        var garbage = Path.Combine(_dir, "garbage.crt");
        await File.WriteAllBytesAsync(garbage, [0x30, 0x82, 0x01]);
        var (code, _, _) = await Run("validate", garbage);
        Assert.Equal(66, code);
    }

    [Theory]
    [InlineData("validate", "x.crt", "--at", "yesterday")]
    [InlineData("validate", "x.crt", "--format", "xml")]
    [InlineData("validate", "x.crt", "--bogus")]
    [InlineData("validate", "x.crt", "--trust")]
    [InlineData("frobnicate")]
    [InlineData("validate")]
    public async Task Usage_errors_exit_64(params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(64, code);
        Assert.Contains("usage", error);
    }

    [Fact]
    public async Task Anchors_lists_subject_thumbprint_and_notAfter()
    {
        await Init();
        var (code, output, _) = await Run("anchors", "--trust", Path.Combine(_dir, "root-ca.crt"));
        Assert.Equal(0, code);
        Assert.Matches("^[0-9A-F]{64}  \\d{4}-\\d{2}-\\d{2}  .*Sample Root CA", output.Trim());
    }

    [PkitsFact]
    public async Task Pkits_valid_and_invalid_paths_through_the_command_line()
    {
        var pkits = FindPkits()!;
        string[] Args(string ee) => ["validate", Path.Combine(pkits, "certs", ee + ".crt"),
            "--trust", Path.Combine(pkits, "certs", "TrustAnchorRootCertificate.crt"), "--untrusted", Path.Combine(pkits, "certs"),
            "--crl", Path.Combine(pkits, "crls"), "--at", "2010-01-01T00:00:00Z", "--format", "json"];

        Assert.Equal(0, (await Run(Args("ValidCertificatePathTest1EE"))).Code);
        Assert.Equal(1, (await Run(Args("InvalidRevokedEETest3EE"))).Code);
        Assert.Equal(2, (await Run(Args("InvalidMissingCRLTest1EE"))).Code);
    }

    internal static string? FindPkits()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) continue;
            var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "pkits"));
            return Directory.Exists(folder) ? folder : null;
        }
        return null;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>A fact skipped, saying why, when ../shared/testdata/pkits is absent (a plain clone).</summary>
public sealed class PkitsFactAttribute : FactAttribute
{
    public PkitsFactAttribute()
    {
        if (CertsCommandTests.FindPkits() is null)
            Skip = "NIST PKITS data not found at ../shared/testdata/pkits relative to the repository root";
    }
}
