using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Demo;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// The hub the corpus is thrown at: small size limits (so oversize bodies are cheap), a throwaway PKI it trusts and
/// seals with, two justice dossiers (one registered, one refused) for the events, and a XAdES and a PAdES document
/// signed by the citizen, which the corpus forges.
/// </summary>
public sealed class HostileHub : IAsyncLifetime
{
    public const long MaxDocumentBytes = 256 * 1024;
    public const long MaxDossierBytes = 512 * 1024;
    public const string Ward = "000.30.20.H47";
    public const string JusticeProcedure = "1.000894";

    public TestHub Hub { get; } = new();
    public TestPki Pki { get; private set; } = null!;
    public HostileContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pki = new TestPki(Path.Combine(Hub.DataDir, "pki"));
        Environment.SetEnvironmentVariable("HUB_HOSTILE_SEAL_PASSWORD", TestPki.SealPassword);
        Hub.ExtraSettings.AddRange([
            $"--Limits:MaxDocumentBytes={MaxDocumentBytes}", $"--Limits:MaxDossierBytes={MaxDossierBytes}",
            $"--Signatures:TrustAnchors:0={Pki.RootPem}", $"--Signatures:Seal:P12Path={Pki.SealP12}",
            "--Signatures:Seal:PasswordEnv=HUB_HOSTILE_SEAL_PASSWORD",
        ]);
        await Hub.InitializeAsync();

        var open = $"{Ward}-261130-0001";
        var ended = $"{Ward}-261130-0002";
        using var portal = Hub.Client(TestHub.PortalKey);
        foreach (var code in new[] { open, ended })
        {
            var created = await portal.Submit(Submissions.Valid(code, JusticeProcedure, Ward));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var justice = Hub.Client(TestHub.JusticeKey);
        var refused = await justice.PostJson($"/api/v1/dossiers/{ended}/events",
            new JsonObject { ["eventId"] = "HOSTILE-SEED-1", ["status"] = 3, ["at"] = HostileBodies.EventAt, ["note"] = "Hồ sơ không hợp lệ" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        using var citizen = X509Certificate2.CreateFromPemFile(Pki.CitizenCertPem, Pki.CitizenKeyPem);
        var parameters = new SigningParameters(Hub.Time.GetUtcNow(), HashAlgorithmName.SHA256);
        var signedXml = await LocalSigner.SignAsync(SignerRegistry.Find("xades-enveloped")!, Encoding.UTF8.GetBytes(HostileDocuments.SignedXmlSource), citizen, parameters);
        var unsignedPdf = MiniPdf.Page(HostileDocuments.PdfLines);
        var signedPdf = await LocalSigner.SignAsync(SignerRegistry.Find("pades")!, unsignedPdf, citizen, parameters);
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(Pki.RootPem));
        Context = new HostileContext(open, ended, MaxDocumentBytes, MaxDossierBytes / 3 * 4 + 1024 * 1024, signedXml, signedPdf, unsignedPdf,
            Convert.ToBase64String(Pki.Citizen.RawData), Convert.ToBase64String(root.RawData));
    }

    public Task DisposeAsync() => Hub.DisposeAsync();
}
