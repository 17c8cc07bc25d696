using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Timestamps;
using IntegrationHub.Signatures.Timestamps;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Cli;

[Collection(PkiCollection.Name)]
public sealed class SignCommandTests(TestPki pki)
{
    private string P12()
    {
        var path = pki.Path("signer.p12");
        File.WriteAllBytes(path, pki.RsaSigner.Export(X509ContentType.Pkcs12, "s3cret"));
        Environment.SetEnvironmentVariable("HUB_TEST_P12_PASSWORD", "s3cret");
        return path;
    }

    private string Document()
    {
        var path = pki.Path(Guid.NewGuid() + ".txt");
        File.WriteAllText(path, "To trinh so 45/TTr-SKHDT\n");
        return path;
    }

    [RequiresToolFact("openssl")]
    public async Task Sign_cades_detached_output_verifies_with_openssl_and_hub_verify()
    {
        var document = Document();
        var output = pki.Path(Guid.NewGuid() + ".p7s");
        var (code, _, error) = await HubCli.Sign(document, "--p12", P12(), "--password-env", "HUB_TEST_P12_PASSWORD", "--as", "cades-detached", "--out", output);
        Assert.True(code == 0, error);

        var (openssl, text) = Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", output, "-content", document, "-binary",
            "-CAfile", pki.Path("root.pem"), "-out", "/dev/null", "-attime", TestPki.Now.ToUnixTimeSeconds().ToString());
        Assert.True(openssl == 0, text);
        var (verify, report, _) = await HubCli.Verify(output, "--content", document, "--trust", pki.Path("root.pem"));
        Assert.True(verify == 0, report);
    }

    [Fact]
    public async Task Sign_cades_attached_with_tsa_gives_a_BT_signature()
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now)));
        var output = pki.Path(Guid.NewGuid() + ".p7s");
        var (code, _, error) = await HubCli.Sign(Document(), "--p12", P12(), "--password-env", "HUB_TEST_P12_PASSWORD", "--as", "cades-attached",
            "--tsa", tsa.Url.ToString(), "--out", output);
        Assert.True(code == 0, error);
        var (verify, report, _) = await HubCli.Verify(output, "--trust", pki.Path("root.pem"), "--format", "json");
        Assert.True(verify == 0, report);
        Assert.Contains("\"level\": \"B-T\"", report);
    }

    [Fact]
    public async Task Unknown_mode_is_a_usage_error_and_wrong_password_is_unreadable_input()
    {
        var (mode, _, _) = await HubCli.Sign(Document(), "--p12", P12(), "--as", "pgp", "--out", pki.Path("x"));
        Assert.Equal(64, mode);
        Environment.SetEnvironmentVariable("HUB_TEST_WRONG_PASSWORD", "wrong");
        var (password, _, error) = await HubCli.Sign(Document(), "--p12", P12(), "--password-env", "HUB_TEST_WRONG_PASSWORD", "--as", "cades-detached", "--out", pki.Path("y"));
        Assert.Equal(66, password);
        Assert.Contains("cannot read", error);
    }
}
