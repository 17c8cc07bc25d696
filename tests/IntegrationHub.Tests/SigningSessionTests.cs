using System.Text.Json.Nodes;

namespace IntegrationHub.Tests;

/// <summary>Two-step signing: the hub gives the digest, openssl signs it outside with the citizen's key, the hub builds the signed file.</summary>
public sealed class SigningSessionTests : IClassFixture<SignatureTests.PkiHub>
{
    private readonly TestHub hub;
    private readonly TestPki pki;
    private readonly string work = Directory.CreateTempSubdirectory("hub-session-").FullName;

    public SigningSessionTests(SignatureTests.PkiHub fixture)
    {
        hub = fixture.Hub;
        pki = fixture.Pki;
    }

    private async Task<(string Id, byte[] Digest)> Open(string text)
    {
        var request = new JsonObject
        {
            ["document"] = new JsonObject { ["name"] = "don.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)) },
            ["signerCertificate"] = await File.ReadAllTextAsync(pki.CitizenCertPem),
            ["mode"] = "cades-detached",
        };
        var response = await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signing-sessions", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("SHA256", body.GetProperty("digestAlgorithm").GetString());
        return (body.GetProperty("id").GetString()!, Convert.FromBase64String(body.GetProperty("digest").GetString()!));
    }

    /// <summary>The signature value as a token or remote signer makes it: openssl pkeyutl over the digest (PKCS#1 v1.5).</summary>
    private async Task<byte[]> SignOutside(byte[] digest)
    {
        var input = Path.Combine(work, "digest.bin");
        var output = Path.Combine(work, "signature.bin");
        await File.WriteAllBytesAsync(input, digest);
        await Tools.MustRun("openssl", "pkeyutl", "-sign", "-inkey", pki.CitizenKeyPem, "-in", input, "-out", output, "-pkeyopt", "digest:sha256");
        return await File.ReadAllBytesAsync(output);
    }

    private Task<HttpResponseMessage> Complete(string id, byte[] value) =>
        hub.Client(TestHub.PortalKey).PostJson($"/api/v1/signing-sessions/{id}/complete", new JsonObject { ["signatureValue"] = Convert.ToBase64String(value) });

    [RequiresToolFact("openssl")]
    public async Task Session_completed_with_an_openssl_signature_value_gives_a_cms_that_openssl_verifies()
    {
        var (id, digest) = await Open("Đơn đề nghị cấp phiếu lý lịch tư pháp");
        var response = await Complete(id, await SignOutside(digest));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("TOTAL_PASSED", body.GetProperty("report").GetProperty("indication").GetString());

        var signature = Path.Combine(work, "don.p7s");
        var content = Path.Combine(work, "don.txt");
        await File.WriteAllBytesAsync(signature, Convert.FromBase64String(body.GetProperty("content").GetString()!));
        await File.WriteAllTextAsync(content, "Đơn đề nghị cấp phiếu lý lịch tư pháp");
        await Tools.MustRun("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", content,
            "-CAfile", pki.RootPem, "-purpose", "any", "-out", "/dev/null");
    }

    [RequiresToolFact("openssl")]
    public async Task Completed_session_cannot_be_reused()
    {
        var (id, digest) = await Open("một lần");
        var value = await SignOutside(digest);
        Assert.Equal(HttpStatusCode.OK, (await Complete(id, value)).StatusCode);
        await (await Complete(id, value)).AssertProblem(404);
    }

    [RequiresToolFact("openssl")]
    public async Task Signature_value_that_does_not_verify_is_refused_422_and_the_session_stays_open()
    {
        var (id, digest) = await Open("giá trị sai");
        var good = await SignOutside(digest);
        var bad = (byte[])good.Clone();
        bad[^1] ^= 0x01;
        await (await Complete(id, bad)).AssertProblem(422);
        Assert.Equal(HttpStatusCode.OK, (await Complete(id, good)).StatusCode);
    }

    [RequiresToolFact("openssl")]
    public async Task Expired_session_is_refused_410()
    {
        var (id, digest) = await Open("hết hạn");
        var value = await SignOutside(digest);
        hub.Time.Advance(TimeSpan.FromMinutes(11));
        await (await Complete(id, value)).AssertProblem(410);
    }

    [RequiresToolFact("openssl")]
    public async Task Session_survives_a_restart_and_completes_into_a_cms_that_openssl_verifies()
    {
        const string text = "Tờ khai đăng ký hộ kinh doanh";
        var (id, digest) = await Open(text);
        var value = await SignOutside(digest);

        await hub.RestartAsync();

        var response = await Complete(id, value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signature = Path.Combine(work, "restart.p7s");
        var content = Path.Combine(work, "restart.txt");
        await File.WriteAllBytesAsync(signature, Convert.FromBase64String((await response.Json()).GetProperty("content").GetString()!));
        await File.WriteAllTextAsync(content, text);
        await Tools.MustRun("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", content,
            "-CAfile", pki.RootPem, "-purpose", "any", "-out", "/dev/null");
        await (await Complete(id, value)).AssertProblem(404);
    }

    [RequiresToolFact("openssl")]
    public async Task Two_concurrent_completions_give_one_signed_document()
    {
        var (id, digest) = await Open("hai lần cùng lúc");
        var value = await SignOutside(digest);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Complete(id, value)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.NotFound }));
    }

    [RequiresToolFact("openssl")]
    public async Task Session_is_open_until_its_lifetime_ends_by_the_hub_clock()
    {
        var (id, digest) = await Open("sát giờ");
        var value = await SignOutside(digest);
        hub.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await Complete(id, value)).StatusCode);

        var (late, lateDigest) = await Open("quá giờ");
        var lateValue = await SignOutside(lateDigest);
        hub.Time.Advance(TimeSpan.FromMinutes(10));
        await hub.RestartAsync();
        await (await Complete(late, lateValue)).AssertProblem(410);
    }

    [Fact]
    public async Task Opening_needs_a_portal_key_a_document_and_a_certificate()
    {
        await (await hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signing-sessions", new JsonObject())).AssertProblem(403);
        var problem = await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signing-sessions",
            new JsonObject { ["signerCertificate"] = "bm90IGEgY2VydA==" })).AssertProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("document", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("signerCertificate", out _));
        await (await hub.Client(TestHub.PortalKey).PostJson("/api/v1/signing-sessions/unknown/complete",
            new JsonObject { ["signatureValue"] = "AAAA" })).AssertProblem(404);
    }
}
