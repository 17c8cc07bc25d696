using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

/// <summary>Signature services over HTTP, cross-checked with openssl: validation, intake of signed documents, the agency seal.</summary>
public sealed class SignatureTests : IClassFixture<SignatureTests.PkiHub>
{
    /// <summary>A hub that trusts a throwaway root and seals with a throwaway agency key.</summary>
    public sealed class PkiHub : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();
        public TestPki Pki { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Pki = new TestPki(Path.Combine(Hub.DataDir, "pki"));
            Environment.SetEnvironmentVariable("HUB_TEST_SEAL_PASSWORD", TestPki.SealPassword);
            Hub.ExtraSettings.AddRange([$"--Signatures:TrustAnchors:0={Pki.RootPem}", $"--Signatures:Seal:P12Path={Pki.SealP12}",
                "--Signatures:Seal:PasswordEnv=HUB_TEST_SEAL_PASSWORD", "--Signatures:SigningSessionMinutes=10"]);
            return Hub.InitializeAsync();
        }

        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private readonly TestHub hub;
    private readonly TestPki pki;
    private readonly string work;

    public SignatureTests(PkiHub fixture)
    {
        hub = fixture.Hub;
        pki = fixture.Pki;
        work = Directory.CreateTempSubdirectory("hub-sig-").FullName;
    }

    /// <summary>A detached CMS signature made by openssl with the citizen's key.</summary>
    private async Task<(byte[] Content, byte[] Signature)> OpensslDetached(string text)
    {
        var content = Path.Combine(work, "content.txt");
        var signature = Path.Combine(work, "content.p7s");
        await File.WriteAllTextAsync(content, text);
        await Tools.MustRun("openssl", "cms", "-sign", "-binary", "-in", content, "-signer", pki.CitizenCertPem, "-inkey", pki.CitizenKeyPem,
            "-outform", "DER", "-out", signature, "-md", "sha256");
        return (await File.ReadAllBytesAsync(content), await File.ReadAllBytesAsync(signature));
    }

    [RequiresToolFact("openssl")]
    public async Task Openssl_detached_signature_validates_TOTAL_PASSED_as_json_and_as_multipart()
    {
        var (content, signature) = await OpensslDetached("Tờ khai đăng ký khai sinh");
        var json = new JsonObject { ["name"] = "to-khai.txt", ["content"] = Convert.ToBase64String(content), ["detachedSignature"] = Convert.ToBase64String(signature) };
        var report = await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/validate", json)).Json();
        Assert.Equal("TOTAL_PASSED", report.GetProperty("indication").GetString());
        Assert.Contains("Trần Tấn Phú", report.GetProperty("signatures")[0].GetProperty("signer").GetProperty("subject").GetString());

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "document", "to-khai.txt" },
            { new ByteArrayContent(signature), "detachedSignature", "to-khai.txt.p7s" },
        };
        var multipart = await (await hub.Client(TestHub.AgencyKey).PostAsync("/api/v1/signatures/validate", form)).Json();
        Assert.Equal("TOTAL_PASSED", multipart.GetProperty("indication").GetString());
    }

    [RequiresToolFact("openssl")]
    public async Task Tampered_detached_content_fails_with_HASH_FAILURE()
    {
        var (_, signature) = await OpensslDetached("original");
        var json = new JsonObject { ["name"] = "x.txt", ["content"] = Convert.ToBase64String("tampered"u8.ToArray()), ["detachedSignature"] = Convert.ToBase64String(signature) };
        var report = await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/validate", json)).Json();
        Assert.Equal("TOTAL_FAILED", report.GetProperty("indication").GetString());
        Assert.Equal("HASH_FAILURE", report.GetProperty("signatures")[0].GetProperty("subIndication").GetString());
    }

    [Fact]
    public async Task Validate_refuses_other_media_types_and_vertical_keys()
    {
        await (await hub.Client(TestHub.PortalKey).PostAsync("/api/v1/signatures/validate", new StringContent("x", Encoding.UTF8, "text/plain"))).AssertProblem(415);
        await (await hub.Client(TestHub.PlanningKey).PostJson("/api/v1/signatures/validate", new JsonObject())).AssertProblem(403);
        var problem = await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/validate", new JsonObject { ["name"] = "a" })).AssertProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("document.content", out _));
    }

    [RequiresToolFact("openssl")]
    public async Task Signed_document_is_accepted_by_a_procedure_that_requires_signatures_and_not_flagged()
    {
        var (content, signature) = await OpensslDetached("Giấy đề nghị đăng ký doanh nghiệp");
        var code = Submissions.NextCode();
        var submission = Submissions.Valid(code, Submissions.RefuseProcedure);
        submission["documents"]![0]!["content"] = Convert.ToBase64String(content);
        submission["documents"]![0]!["detachedSignature"] = Convert.ToBase64String(signature);
        var response = await hub.Client(TestHub.PortalKey).Submit(submission);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var doc = (await response.Json()).GetProperty("documents")[0];
        Assert.False(doc.GetProperty("flagged").GetBoolean());
        Assert.Equal("TOTAL_PASSED", doc.GetProperty("report").GetProperty("indication").GetString());
    }

    [RequiresToolFact("openssl")]
    public async Task Seal_signs_with_the_configured_agency_key_and_openssl_verifies_it()
    {
        var json = new JsonObject { ["name"] = "ket-qua.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String("Kết quả giải quyết"u8.ToArray()) };
        var response = await hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("cades-attached", body.GetProperty("mode").GetString());
        Assert.Equal("TOTAL_PASSED", body.GetProperty("report").GetProperty("indication").GetString());
        var sealedFile = Path.Combine(work, "sealed.p7s");
        await File.WriteAllBytesAsync(sealedFile, Convert.FromBase64String(body.GetProperty("content").GetString()!));
        var (code, output, error) = await Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", sealedFile, "-CAfile", pki.RootPem, "-purpose", "any");
        Assert.True(code == 0, error);
        Assert.Equal("Kết quả giải quyết", output);
    }

    [Fact]
    public async Task Seal_is_for_agency_keys_only_and_takes_no_key_from_the_request()
    {
        var json = new JsonObject { ["name"] = "a.txt", ["mediaType"] = "text/plain", ["content"] = "YQ==", ["p12"] = "AAAA", ["password"] = "x" };
        await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/seal", json)).AssertProblem(403);
        await (await hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/seal", json)).AssertProblem(403);
    }
}
