using System.Text;
using IntegrationHub.Cli;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Tests.Creation.Pkcs11;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Tests.Xml;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Tests.Pkcs11;
using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;

namespace IntegrationHub.Signatures.Tests.Cli;

/// <summary>
/// `hub sign --pkcs11-library ...` with keys generated inside fresh SoftHSM2 tokens: the output checked by pdfsig, xmlsec1
/// and openssl; each way the key cannot be used has its own exit code and message, and leaves no file behind.
/// </summary>
[Collection(HsmCollection.Name)]
public sealed class SignPkcs11CommandTests(HsmFixture hsm)
{
    private const string PinEnv = "HUB_TEST_CLI_TOKEN_PIN";

    [RequiresSoftHsmFact("pdfsig")]
    public async Task Pkcs11_key_signs_a_PDF_that_pdfsig_accepts_and_the_hub_finds_TOTAL_PASSED()
    {
        var (code, _, error, signed) = await Sign(MiniPdf.Classic("Giay phep"), "pades", Token(HsmFixture.CliToken));

        Assert.True(code == 0, error);
        var pdfsig = PdfTools.Pdfsig(signed!);
        Assert.Contains("Signature Validation: Signature is Valid.", pdfsig);
        Assert.Contains("Total document signed", pdfsig);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("giay-phep.pdf", signed!).Indication);
    }

    [RequiresSoftHsmFact("xmlsec1")]
    public async Task Pkcs11_key_signs_XML_that_xmlsec1_verifies()
    {
        var (code, _, error, signed) = await Sign(Encoding.UTF8.GetBytes(XmlTestSupport.Document), "xades-enveloped", Token(HsmFixture.CliToken));

        Assert.True(code == 0, error);
        var xmlsec1 = hsm.Xmlsec1(signed!);
        Assert.True(xmlsec1.ExitCode == 0, xmlsec1.ToString());
        Assert.Equal(Indication.TotalPassed, hsm.Validate("ho-so.xml", signed!).Indication);
    }

    [RequiresSoftHsmFact("openssl")]
    public async Task Pkcs11_key_found_by_slot_id_signs_CMS_that_openssl_verifies()
    {
        var content = Encoding.UTF8.GetBytes("Quyết định số 45/QĐ-UBND");
        var slot = Pkcs11Libraries.Get(SoftHsm.Library).GetSlotList(SlotsType.WithTokenPresent)
            .Single(s => s.GetTokenInfo().Label.Trim() == HsmFixture.CliToken).SlotId;

        var (code, output, error, signed) = await Sign(content, "cades-attached", ["--slot", slot.ToString()]);

        Assert.True(code == 0, error);
        Assert.Contains("signed", output);
        var (openssl, verified) = hsm.OpensslVerify(signed!, issuingInCaFile: true);
        Assert.True(openssl == 0, verified);
        Assert.Equal(content, Encoding.UTF8.GetBytes(verified));
    }

    [RequiresSoftHsmFact]
    public async Task Missing_token_is_exit_69_naming_the_token_and_writes_nothing()
    {
        var (code, _, error, signed) = await Sign(Document, "cades-attached", Token("no-such-token"));

        Assert.Equal(CommandLine.Unavailable, code);
        Assert.Equal(69, code);
        Assert.Contains($"No token 'no-such-token' is present in {SoftHsm.Library}.", error);
        Assert.Null(signed);
    }

    [RequiresSoftHsmFact]
    public async Task Wrong_PIN_is_exit_77_without_the_PIN_and_writes_nothing_the_right_PIN_then_signs()
    {
        var (code, output, error, signed) = await Sign(Document, "cades-attached", Token(HsmFixture.CliPinToken), pin: "not-the-pin-4321");

        Assert.Equal(77, code);
        Assert.Contains($"The token '{HsmFixture.CliPinToken}' refused the PIN (CKR_PIN_INCORRECT)", error);
        Assert.DoesNotContain("not-the-pin-4321", output + error);
        Assert.Null(signed);
        Assert.Equal(0, (await Sign(Document, "cades-attached", Token(HsmFixture.CliPinToken))).Code);
    }

    [RequiresSoftHsmFact]
    public async Task Removed_key_is_exit_67_naming_the_label_and_writes_nothing()
    {
        Assert.Equal(0, (await Sign(Document, "cades-attached", Token(HsmFixture.CliRemovedToken))).Code);
        hsm.Hsm.DeletePrivateKey(HsmFixture.CliRemovedToken, HsmFixture.KeyLabel);

        var (code, _, error, signed) = await Sign(Document, "cades-attached", Token(HsmFixture.CliRemovedToken));

        Assert.Equal(67, code);
        Assert.Contains($"No private key labelled '{HsmFixture.KeyLabel}' is on the token '{HsmFixture.CliRemovedToken}'.", error);
        Assert.Null(signed);
    }

    [RequiresSoftHsmFact]
    public async Task Unset_PIN_variable_is_exit_78_naming_the_variable_and_writes_nothing()
    {
        Environment.SetEnvironmentVariable("HUB_TEST_CLI_UNSET_PIN", null);

        var (code, _, error, signed) = await Sign(Document, "cades-attached",
            Token(HsmFixture.CliToken), pinEnv: "HUB_TEST_CLI_UNSET_PIN");

        Assert.Equal(78, code);
        Assert.Contains("the environment variable HUB_TEST_CLI_UNSET_PIN (--pin-env) holding the token PIN is not set", error);
        Assert.Null(signed);
    }

    [RequiresSoftHsmFact]
    public async Task Missing_library_is_69_and_missing_certificate_file_is_66_and_neither_writes()
    {
        var library = await Sign(Document, "cades-attached", Token(HsmFixture.CliToken), library: "/nonexistent/libno-hsm.so");
        Assert.Equal(69, library.Code);
        Assert.Contains("The PKCS#11 library /nonexistent/libno-hsm.so does not exist.", library.Error);
        Assert.Null(library.Signed);

        var certificate = await Sign(Document, "cades-attached", [.. Token(HsmFixture.CliToken), "--certificate", "/nonexistent/seal.pem"]);
        Assert.Equal(66, certificate.Code);
        Assert.Contains("The certificate file /nonexistent/seal.pem does not exist.", certificate.Error);
        Assert.Null(certificate.Signed);
    }

    [Theory]
    [InlineData("--token-label", "a", "--slot", "0")]
    [InlineData("--slot", "first")]
    [InlineData("--token-label", "a", "--p12", "x.p12")]
    [InlineData("--token-label", "a", "--password-env", "X")]
    public async Task Conflicting_or_malformed_key_options_are_usage_errors(params string[] keyOptions)
    {
        var (code, _, error, signed) = await Sign(Document, "cades-attached", keyOptions);

        Assert.Equal(64, code);
        Assert.Contains("usage: hub sign", error);
        Assert.Null(signed);
    }

    [RequiresSoftHsmFact]
    public void In_its_own_process_a_wrong_PIN_exits_77_with_the_message_on_stderr()
    {
        var input = hsm.NewFile("in.txt");
        File.WriteAllBytes(input, Document);
        var output = hsm.NewFile("out.p7s");
        Environment.SetEnvironmentVariable("HUB_TEST_CLI_WRONG_PIN", "wrong-pin-0000");

        var (code, text) = HubCli.RunProcess("sign", input, "--pkcs11-library", SoftHsm.Library, "--token-label", HsmFixture.CliPinToken,
            "--key-label", HsmFixture.KeyLabel, "--pin-env", "HUB_TEST_CLI_WRONG_PIN", "--as", "cades-attached", "--out", output);

        Assert.True(code == 77, text);
        Assert.Contains("refused the PIN (CKR_PIN_INCORRECT)", text);
        Assert.False(File.Exists(output));
    }

    private static readonly byte[] Document = Encoding.UTF8.GetBytes("Kết quả giải quyết hồ sơ");

    private static string[] Token(string label) => ["--token-label", label];

    /// <summary>Runs `hub sign` on the document with the key options; the output file's bytes, or null when it was not written.</summary>
    private async Task<(int Code, string Out, string Error, byte[]? Signed)> Sign(byte[] document, string mode, string[] keyOptions,
        string pin = SoftHsm.UserPin, string pinEnv = PinEnv, string library = SoftHsm.Library)
    {
        var folder = Directory.CreateDirectory(hsm.NewFile("sign")).FullName;
        var input = Path.Combine(folder, "in.bin");
        await File.WriteAllBytesAsync(input, document);
        var outFile = Path.Combine(folder, "out.bin");
        Environment.SetEnvironmentVariable(PinEnv, pin);
        string[] args = keyOptions.Contains("--p12")
            ? [input, .. keyOptions, "--as", mode, "--out", outFile]
            : [input, "--pkcs11-library", library, .. keyOptions, "--key-label", HsmFixture.KeyLabel, "--pin-env", pinEnv, "--as", mode, "--out", outFile];
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SignCommand.RunAsync(args, output, error, new FakeTimeProvider(hsm.Now));
        // Nothing but the input may be left when signing failed: no output, no temporary beside it.
        var left = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => f != "in.bin").ToList();
        Assert.True(code == 0 ? left.SequenceEqual(["out.bin"]) : left.Count == 0, $"files left: {string.Join(", ", left)}");
        return (code, output.ToString(), error.ToString(), code == 0 ? await File.ReadAllBytesAsync(outFile) : null);
    }
}
