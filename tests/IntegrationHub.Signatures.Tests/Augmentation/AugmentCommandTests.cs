using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Cli;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using static IntegrationHub.Signatures.Tests.Augmentation.AugmentationSupport;

namespace IntegrationHub.Signatures.Tests.Augmentation;

/// <summary>
/// `hub augment` end to end, and the independent proofs of its output: `openssl cms -verify` (the CMS still verifies),
/// `openssl ts -verify` on every timestamp with the bytes it imprints, and a fresh `hub verify` process at a time after
/// every certificate expired, with the servers stopped and no --ocsp.
/// </summary>
public sealed class AugmentCommandTests(LongTermPki pki, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LongTermPki>
{
    private static async Task<(int Code, string Out, string Err)> Augment(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AugmentCommand.RunAsync(args, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> SignedFileAsync(Servers servers, string name)
    {
        File.WriteAllBytes(pki.Path("content.txt"), Content);
        File.WriteAllBytes(pki.Path(name), await pki.SignAsync(Content, tsa: servers.TsaClient));
        return pki.Path(name);
    }

    [RequiresToolFact("openssl")]
    public async Task Augmented_LTA_passes_openssl_cms_and_ts_verify_and_a_fresh_hub_verify_late_and_offline()
    {
        var outFile = pki.Path("lta.p7s");
        await using (var servers = pki.Serve())
        {
            var bt = await SignedFileAsync(servers, "bt.p7s");
            var (code, stdout, stderr) = await Augment(bt, "--content", pki.Path("content.txt"), "--to", "lta", "--out", outFile,
                "--trust", pki.Path("root-ca.pem"), "--ocsp", "--tsa", servers.Tsa.Url.ToString());
            output.WriteLine(stdout + stderr);
            Assert.Equal(0, code);
            Assert.Contains("B-LTA", stdout);
        }

        // openssl: the SignedData with its added certificates, CRLs and OCSP values still verifies.
        var (cmsCode, cmsOut) = Tools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", outFile,
            "-content", pki.Path("content.txt"), "-CAfile", pki.Path("root-ca.pem"), "-purpose", "any", "-out", "/dev/null");
        Assert.True(cmsCode == 0, cmsOut);
        Assert.Contains("Verification successful", cmsOut);

        // openssl ts -verify on each timestamp over the exact bytes it imprints.
        var timestamps = Evidence(File.ReadAllBytes(outFile), Content).Timestamps;
        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], timestamps.Select(t => t.Type));
        for (var i = 0; i < timestamps.Count; i++)
        {
            File.WriteAllBytes(pki.Path($"ts{i}.der"), timestamps[i].Token);
            File.WriteAllBytes(pki.Path($"ts{i}.data"), timestamps[i].TimestampedData);
            var (tsCode, tsOut) = Tools.Run("openssl", "ts", "-verify", "-token_in", "-in", pki.Path($"ts{i}.der"), "-data", pki.Path($"ts{i}.data"),
                "-CAfile", pki.Path("root-ca.pem"), "-untrusted", pki.Path("issuing-ca.crt"));
            Assert.True(tsCode == 0, $"{timestamps[i].Type}: {tsOut}");
            Assert.Contains("Verification: OK", tsOut);
            // The same token over other bytes must not verify: the check is real.
            File.WriteAllBytes(pki.Path($"ts{i}.other"), [.. timestamps[i].TimestampedData, 0]);
            Assert.NotEqual(0, Tools.Run("openssl", "ts", "-verify", "-token_in", "-in", pki.Path($"ts{i}.der"), "-data", pki.Path($"ts{i}.other"),
                "-CAfile", pki.Path("root-ca.pem"), "-untrusted", pki.Path("issuing-ca.crt")).ExitCode);
        }

        // A fresh process, three days on, servers stopped, no --ocsp: only what is embedded.
        var (verifyCode, json) = RunHub("verify", outFile, "--content", pki.Path("content.txt"), "--trust", pki.Path("root-ca.pem"),
            "--at", pki.Late.ToString("O"), "--format", "json");
        output.WriteLine(json);
        Assert.Equal(0, verifyCode);
        using var report = JsonDocument.Parse(json);
        Assert.Equal("TOTAL_PASSED", report.RootElement.GetProperty("indication").GetString());
        Assert.Equal("B-LTA", report.RootElement.GetProperty("signatures")[0].GetProperty("level").GetString());
    }

    [RequiresToolFact("openssl")]
    public async Task The_same_B_T_without_augmentation_in_a_fresh_hub_verify_late_is_INDETERMINATE()
    {
        string bt;
        await using (var servers = pki.Serve()) bt = await SignedFileAsync(servers, "bt-only.p7s");

        var (code, json) = RunHub("verify", bt, "--content", pki.Path("content.txt"), "--trust", pki.Path("root-ca.pem"),
            "--at", pki.Late.ToString("O"), "--format", "json");

        Assert.Equal(2, code);
        using var report = JsonDocument.Parse(json);
        Assert.Equal("INDETERMINATE", report.RootElement.GetProperty("indication").GetString());
    }

    [RequiresToolFact("openssl")]
    public async Task OCSP_down_and_no_CRL_refuses_with_exit_1_and_writes_nothing()
    {
        var outFile = pki.Path("refused.p7s");
        await using var servers = pki.Serve(ocsp: false);
        var bt = await SignedFileAsync(servers, "bt-refused.p7s");

        var (code, _, stderr) = await Augment(bt, "--content", pki.Path("content.txt"), "--to", "lt", "--out", outFile,
            "--trust", pki.Path("root-ca.pem"), "--ocsp", "--tsa", servers.Tsa.Url.ToString());

        Assert.Equal(1, code);
        Assert.Contains("VALIDATION_DATA_MISSING", stderr);
        Assert.Contains("Trần Tấn Phú", stderr);
        Assert.False(File.Exists(outFile));
        Assert.Empty(Directory.GetFiles(pki.Directory, "refused.p7s*"));
    }

    [Theory]
    [InlineData("--to", "lt")]                       // no FILE, no --out
    [InlineData("x.p7s", "--out", "y.p7s")]          // no --to
    [InlineData("x.p7s", "--to", "ltv", "--out", "y")]
    [InlineData("x.p7s", "--to", "lt", "--out", "y", "--tsa", "ftp://tsa")]
    [InlineData("x.p7s", "--to", "lt", "--out", "y", "--at", "2030-01-01")]
    public async Task Usage_errors_exit_64(params string[] args)
    {
        var (code, _, stderr) = await Augment(args);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("usage: hub augment", stderr);
    }

    [Fact]
    public async Task Unreadable_input_exits_66()
    {
        var (code, _, stderr) = await Augment(pki.Path("missing.p7s"), "--to", "lt", "--out", pki.Path("never.p7s"));

        Assert.Equal(CommandLine.NoInput, code);
        Assert.Contains("cannot read input", stderr);
        Assert.False(File.Exists(pki.Path("never.p7s")));
    }

    /// <summary>The built hub.dll in a process of its own (copied beside the tests by the project reference).</summary>
    private static (int Code, string Output) RunHub(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hub.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException("hub verify did not finish"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
