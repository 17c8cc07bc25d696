using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Pkcs11;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Tests.Sealing;

/// <summary>POST /signatures/seal with the agency key in SoftHSM2 (Signing:Pkcs11:*), end to end; a wrong PIN is 503 and nothing stored.</summary>
public sealed class HsmSealRouteTests : IAsyncLifetime
{
    private const string Token = "hub-route-seal";
    /// <summary>A login holds per token and process: the wrong PIN is tried on a token nobody logged in to.</summary>
    private const string PinToken = "hub-route-pin";
    private const string KeyLabel = "agency-seal";
    private static readonly SoftHsm Hsm = new(Token, PinToken);
    private readonly TestHub right = new();
    private readonly TestHub wrong = new();
    private string rootPem = "";

    public async Task InitializeAsync()
    {
        if (SoftHsm.Missing is not null) return;
        var from = DateTimeOffset.UtcNow.AddDays(-30);
        var root = F.Root(F.Name("HSM Route Test Root (TEST ONLY)"), from, from.AddYears(5), 2048);
        rootPem = Path.Combine(right.DataDir, "root.pem");
        File.WriteAllText(rootPem, root.Certificate.ExportCertificatePem());
        lock (Hsm)
        {
            foreach (var token in new[] { Token, PinToken })
            {
                var publicKey = Hsm.GenerateRsa(token, KeyLabel + right.DataDir.GetHashCode());
                Hsm.ImportCertificate(token, KeyLabel + right.DataDir.GetHashCode(), F.Issue(root, F.Name("Sở Tư pháp"), publicKey, from, from.AddYears(2),
                    new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)).Certificate);
            }
        }
        Environment.SetEnvironmentVariable("HUB_TEST_ROUTE_PIN", SoftHsm.UserPin);
        Environment.SetEnvironmentVariable("HUB_TEST_ROUTE_WRONG_PIN", "not-the-pin-0000");
        string[] Settings(string token, string pinEnv) => [$"--Signatures:TrustAnchors:0={rootPem}", $"--Signing:Pkcs11:Library={SoftHsm.Library}",
            $"--Signing:Pkcs11:TokenLabel={token}", $"--Signing:Pkcs11:KeyLabel={KeyLabel + right.DataDir.GetHashCode()}", $"--Signing:Pkcs11:PinEnv={pinEnv}",
            "--Sealing:Worker=false"];
        right.ExtraSettings.AddRange(Settings(Token, "HUB_TEST_ROUTE_PIN"));
        wrong.ExtraSettings.AddRange(Settings(PinToken, "HUB_TEST_ROUTE_WRONG_PIN"));
        await right.InitializeAsync();
        await wrong.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (SoftHsm.Missing is not null) return;
        await right.DisposeAsync();
        await wrong.DisposeAsync();
    }

    [RequiresSoftHsmFact("openssl")]
    public async Task Seal_route_signs_with_the_HSM_key_and_openssl_verifies_it_a_wrong_PIN_is_503_and_nothing_stored()
    {
        var response = await right.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", SealingHub.Document("Kết quả giải quyết"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(right.DataDir, "hsm-sealed.p7s");
        await File.WriteAllBytesAsync(file, Convert.FromBase64String((await response.Json()).GetProperty("content").GetString()!));
        var (code, output, error) = await Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", file, "-CAfile", rootPem, "-purpose", "any");
        Assert.True(code == 0, error);
        Assert.Equal("Kết quả giải quyết", output);

        var refused = await (await wrong.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", SealingHub.Document("x"))).AssertProblem(503);
        Assert.Contains("CKR_PIN_INCORRECT", refused.GetProperty("detail").GetString());
        Assert.DoesNotContain("not-the-pin-0000", refused.GetRawText());
        Assert.Empty(await wrong.Service<HubStore>().ListHeldSealsAsync(null, 10));
    }
}
