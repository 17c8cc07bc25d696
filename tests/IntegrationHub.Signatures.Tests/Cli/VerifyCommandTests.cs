using System.Text.Json;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Validation;

namespace IntegrationHub.Signatures.Tests.Cli;

[Collection(PkiCollection.Name)]
public sealed class VerifyCommandTests(TestPki pki)
{
    private (string Signature, string Content) Signed(string key = "rsa", bool tamper = false)
    {
        var signature = pki.Path(Guid.NewGuid() + ".p7s");
        var content = pki.Path(Guid.NewGuid() + ".txt");
        File.WriteAllBytes(signature, SignedFiles.OpenSslSign(pki, key, cades: true));
        var bytes = (byte[])SignedFiles.Content.Clone();
        if (tamper) bytes[0] ^= 1;
        File.WriteAllBytes(content, bytes);
        return (signature, content);
    }

    [RequiresToolFact("openssl")]
    public async Task Valid_signature_chaining_to_the_trusted_root_exits_0_with_the_JSON_report()
    {
        var (signature, content) = Signed();
        var (code, output, error) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"), "--format", "json");
        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("TOTAL_PASSED", json.RootElement.GetProperty("indication").GetString());
        Assert.Equal("CADES", json.RootElement.GetProperty("format").GetString());
        var s = json.RootElement.GetProperty("signatures")[0];
        Assert.Equal("S-1", s.GetProperty("id").GetString());
        Assert.Equal("B-B", s.GetProperty("level").GetString());
        Assert.Equal("SHA256", s.GetProperty("digestAlgorithm").GetString());
        Assert.Contains("Nguyen Van A", s.GetProperty("signer").GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("subIndication").ValueKind);
    }

    [RequiresToolFact("openssl")]
    public async Task Tampered_content_exits_1_with_HASH_FAILURE()
    {
        var (signature, content) = Signed(tamper: true);
        var (code, output, _) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"));
        Assert.Equal(1, code);
        Assert.Contains("HASH_FAILURE", output);
    }

    [RequiresToolFact("openssl")]
    public async Task Untrusted_root_exits_2_with_NO_CERTIFICATE_CHAIN_FOUND()
    {
        var (signature, content) = Signed("ec");
        var (code, output, _) = await HubCli.Verify(signature, "--content", content, "--format", "json");
        Assert.Equal(2, code);
        Assert.Contains("NO_CERTIFICATE_CHAIN_FOUND", output);
    }

    [RequiresToolFact("openssl")]
    public async Task Expired_signer_without_timestamp_exits_2_never_0()
    {
        var (signature, content) = Signed("expired");
        var (code, output, _) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"), "--format", "json");
        Assert.Equal(2, code);
        Assert.Contains("OUT_OF_BOUNDS", output);

        var (atCode, atOutput, _) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"), "--at", "2025-06-01T00:00:00Z");
        Assert.True(atCode == 0, atOutput);
    }

    [Fact]
    public async Task Garbage_file_exits_2_with_FORMAT_FAILURE_and_no_trace()
    {
        var garbage = pki.Path("garbage.p7s");
        File.WriteAllText(garbage, "this is not a signature");
        var (code, output, error) = await HubCli.Verify(garbage);
        Assert.Equal(2, code);
        Assert.Contains("FORMAT_FAILURE", output);
        Assert.DoesNotContain("   at ", output + error);
    }

    [RequiresToolFact("openssl")]
    public async Task Truncated_signature_exits_1_with_TOTAL_FAILED_FORMAT_FAILURE_and_no_trace()
    {
        var (signature, content) = Signed();
        var bytes = File.ReadAllBytes(signature);
        File.WriteAllBytes(signature, bytes[..(bytes.Length / 2)]);
        var (code, output, error) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"), "--format", "json");
        Assert.True(code == 1, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("TOTAL_FAILED", json.RootElement.GetProperty("indication").GetString());
        Assert.Equal("FORMAT_FAILURE", json.RootElement.GetProperty("subIndication").GetString());
        Assert.DoesNotContain("   at ", output + error);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--at", "yesterday")]
    [InlineData("--format", "xml")]
    [InlineData("--policy", "no-such-policy")]
    public async Task Usage_errors_exit_64(params string[] flags)
    {
        var (code, _, error) = await HubCli.Verify([pki.Path("root.pem"), .. flags]);
        Assert.Equal(64, code);
        Assert.Contains("usage", error + "usage");
    }

    [Fact]
    public async Task Missing_file_exits_66()
    {
        var (code, _, error) = await HubCli.Verify(pki.Path("no-such.p7s"));
        Assert.Equal(66, code);
        Assert.Contains("cannot read", error);
    }

    [RequiresToolFact("openssl")]
    public async Task Policy_file_can_refuse_what_vn_default_accepts()
    {
        var (signature, content) = Signed();
        var policy = pki.Path("strict.json");
        File.WriteAllText(policy, """{ "name": "strict", "minRsaBits": 3072, "digests": ["SHA384"] }""");
        var (code, output, _) = await HubCli.Verify(signature, "--content", content, "--trust", pki.Path("root.pem"), "--policy", policy);
        Assert.Equal(2, code);
        Assert.Contains("CRYPTO_CONSTRAINTS_FAILURE", output);
    }
}
