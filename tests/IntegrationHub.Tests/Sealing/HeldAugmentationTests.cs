using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Sealing;
using IntegrationHub.Storage;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Tests.LongTerm;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Tests.Sealing;

/// <summary>What the held-augmentation tests share: requests, the worker's pass on the fake clock, openssl checks.</summary>
public abstract class HeldAugmentationTestsBase(EnginePkiHub hub)
{
    protected readonly EnginePkiHub pki = hub;

    protected TestHub Hub => pki.Hub;

    protected static byte[] NewContent() => System.Text.Encoding.UTF8.GetBytes($"Giấy phép xây dựng {Guid.NewGuid()}");

    protected static JsonObject Body(byte[] content, byte[] signature, string to = "lt", string? dossierCode = null) => new()
    {
        ["name"] = "giay-phep.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String(content),
        ["detachedSignature"] = Convert.ToBase64String(signature), ["to"] = to, ["dossierCode"] = dossierCode,
    };

    protected Task<HttpResponseMessage> Augment(JsonObject body, string key = TestHub.AgencyKey) =>
        Hub.Client(key).PostJson("/api/v1/signatures/augment", body);

    protected Task<int> RetryAfter(TimeSpan wait)
    {
        Hub.Time.Advance(wait);
        return Hub.Service<HeldSealJob>().RunDueAsync(CancellationToken.None);
    }

    protected static async Task<JsonElement> Accepted(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    protected Task<int> HeldCount() => Hub.Service<HubStore>().ListHeldSealsAsync(null, 500, kind: HeldKinds.Augment).ContinueWith(t => t.Result.Count);

    /// <summary>A dossier of the agency key's agency, through the portal.</summary>
    protected async Task<string> NewDossier()
    {
        var code = Submissions.NextCode();
        var response = await Hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    protected async Task<JsonElement> HeldOfDossier(string code) =>
        (await (await Hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("heldSignatures");

    /// <summary>
    /// openssl cms -verify of the detached signature over the content, and openssl ts -verify of its signature
    /// timestamp over the signature value; returns openssl's -cmsout -print of the signature for further checks.
    /// </summary>
    protected async Task<string> VerifyWithOpenssl(JsonElement augmented, byte[] content, bool crlCheck = false)
    {
        var folder = Directory.CreateTempSubdirectory("hub-held-augment-").FullName;
        var signatureFile = Path.Combine(folder, "signature.p7s");
        var contentFile = Path.Combine(folder, "content.txt");
        var bytes = Convert.FromBase64String(augmented.GetProperty("content").GetString()!);
        await File.WriteAllBytesAsync(signatureFile, bytes);
        await File.WriteAllBytesAsync(contentFile, content);
        string[] verify = ["cms", "-verify", "-binary", "-inform", "DER", "-in", signatureFile, "-content", contentFile, "-CAfile", pki.RootPem, "-purpose", "any", "-out", "/dev/null",
            // At the hub's (fake) time: the CRL it embedded is good for 7 days from that time, not from the real one.
            "-attime", pki.Hub.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var (code, _, error) = await Tools.Run("openssl", crlCheck ? [.. verify, "-crl_check"] : verify);
        Assert.True(code == 0, error);

        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(bytes);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        var timestamp = signer.UnsignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        var tokenFile = Path.Combine(folder, "token.der");
        var valueFile = Path.Combine(folder, "signature-value.bin");
        await File.WriteAllBytesAsync(tokenFile, timestamp.Values[0].RawData);
        await File.WriteAllBytesAsync(valueFile, signer.GetSignature());
        await Tools.MustRun("openssl", "ts", "-verify", "-token_in", "-in", tokenFile, "-data", valueFile, "-CAfile", pki.RootPem);
        var (_, printed, _) = await Tools.Run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", signatureFile);
        Directory.Delete(folder, true);
        return printed;
    }
}

/// <summary>
/// Issue 11 for POST /signatures/augment: a TSA or CRL host that does not answer keeps the request (202 + Location) and
/// the held-seal job finishes it when the service is back; refusals stay immediate and store nothing. The real engine,
/// the PKI of <see cref="EnginePkiHub"/>, the worker off (the tests run the job after moving the fake clock).
/// </summary>
public sealed class HeldAugmentationTests : HeldAugmentationTestsBase, IClassFixture<HeldAugmentationTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public EnginePkiHub Pki { get; } = new();

        public Task InitializeAsync()
        {
            Pki.Hub.ExtraSettings.AddRange(["--Sealing:Worker=false", "--Sealing:MaxAttempts=3", "--Sealing:RetryDelays:0=00:01:00", "--Sealing:RetryDelays:1=00:05:00"]);
            return Pki.InitializeAsync();
        }

        public Task DisposeAsync() => Pki.DisposeAsync();
    }

    public HeldAugmentationTests(Fixture fixture) : base(fixture.Pki)
    {
        pki.StartTsaIfStopped();
        // Every test starts past the circuits' sampling and break windows of the one before.
        pki.Hub.Time.Advance(TimeSpan.FromHours(2));
    }

    [RequiresToolFact("openssl")]
    public async Task TSA_down_holds_the_augmentation_202_and_when_it_is_back_GET_gives_a_B_LT_that_openssl_verifies()
    {
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(), withTimestamp: false);
        pki.StopTsa();

        var response = await Augment(Body(content, signature));
        var held = await Accepted(response);
        var id = held.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/signatures/augment/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(("augment", "waiting-for-timestamp", "timestamp", pki.TsaAuthority), (held.GetProperty("kind").GetString(),
            held.GetProperty("status").GetString(), held.GetProperty("waitingFor").GetString(), held.GetProperty("host").GetString()));
        Assert.Contains("did not answer", held.GetProperty("lastError").GetString());

        var waiting = await Accepted(await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location));
        Assert.Equal("waiting-for-timestamp", waiting.GetProperty("status").GetString());
        Assert.Equal(0, await RetryAfter(TimeSpan.FromSeconds(30)));   // the first retry is a minute after the request

        pki.StartTsa();
        Assert.Equal(1, await RetryAfter(TimeSpan.FromSeconds(30)));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        var text = await done.Content.ReadAsStringAsync();
        Assert.True(done.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("giay-phep.p7s", "B-LT", "TOTAL_PASSED"), (body.GetProperty("name").GetString(), body.GetProperty("level").GetString(),
            body.GetProperty("report").GetProperty("indication").GetString()));
        await VerifyWithOpenssl(body, content);
        Assert.Equal(0, await RetryAfter(TimeSpan.FromHours(1)));   // finished once
    }

    [RequiresToolFact("openssl")]
    public async Task CRL_host_down_holds_the_augmentation_waiting_for_revocation_and_the_result_carries_the_CRL_openssl_checks()
    {
        var port = EnginePkiHub.ClosedPort();
        var crlUrl = $"http://127.0.0.1:{port}/issuing.crl";
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(crlUrl), withTimestamp: true);

        var response = await Augment(Body(content, signature));
        var held = await Accepted(response);
        Assert.Equal(("waiting-for-revocation", "revocation", $"127.0.0.1:{port}"), (held.GetProperty("status").GetString(),
            held.GetProperty("waitingFor").GetString(), held.GetProperty("host").GetString()));

        using var crlHost = new CrlHost(port, pki.IssuingCrl);
        Assert.Equal(1, await RetryAfter(TimeSpan.FromMinutes(1)));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = await done.Json();
        Assert.Equal("B-LT", body.GetProperty("level").GetString());
        // -crl_check makes openssl find the signer's CRL, which only the CRL host that was down served: it is embedded.
        await VerifyWithOpenssl(body, content, crlCheck: true);
    }

    [RequiresToolFact("openssl")]
    public async Task A_CRL_host_behind_an_open_circuit_is_not_asked_by_the_route_the_request_is_held_and_finished_when_it_closes()
    {
        var port = EnginePkiHub.ClosedPort();
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner($"http://127.0.0.1:{port}/issuing.crl"), withTimestamp: true);
        using var crlHost = new CrlHost(port, pki.IssuingCrl);
        // The host answers, but its circuit is open (held open by hand, as after repeated failures).
        var circuit = $"revocation@127.0.0.1:{port}";
        var pipelines = Hub.Service<IntegrationHub.Connectors.Resilience.VerticalPipelines>();
        pipelines.For(circuit);
        await pipelines.IsolateAsync(circuit);

        var response = await Augment(Body(content, signature));
        var held = await Accepted(response);
        Assert.Equal(("waiting-for-revocation", $"127.0.0.1:{port}"), (held.GetProperty("status").GetString(), held.GetProperty("host").GetString()));
        Assert.Contains("circuit", held.GetProperty("lastError").GetString());
        Assert.Equal(0, crlHost.Requests);
        Assert.Equal(0, await RetryAfter(TimeSpan.FromMinutes(1)));   // still open: the job does not ask either, no attempt spent
        Assert.Equal(0, crlHost.Requests);

        await pipelines.CloseAsync(circuit);
        Assert.Equal(1, await RetryAfter(TimeSpan.FromMinutes(3)));   // the row the open circuit left comes back after its lease (2 min)
        Assert.True(crlHost.Requests > 0);
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = await done.Json();
        Assert.Equal("B-LT", body.GetProperty("level").GetString());
        await VerifyWithOpenssl(body, content, crlCheck: true);
    }

    [RequiresToolFact("openssl")]
    public async Task A_dossiers_view_says_waiting_for_timestamp_naming_the_host_then_dead_letter_and_nothing_once_the_replay_completes()
    {
        var code = await NewDossier();
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(), withTimestamp: false);
        Assert.Equal(0, (await HeldOfDossier(code)).GetArrayLength());
        pki.StopTsa();

        var id = (await Accepted(await Augment(Body(content, signature, dossierCode: code)))).GetProperty("id").GetString()!;
        var shown = Assert.Single((await HeldOfDossier(code)).EnumerateArray());
        Assert.Equal((id, "waiting-for-timestamp", pki.TsaAuthority), (shown.GetProperty("id").GetString(), shown.GetProperty("status").GetString(), shown.GetProperty("host").GetString()));
        // The leaders' timeline says why, without naming the document.
        var told = Assert.Single((await WaitingOnTimeline(code)).EnumerateArray());
        Assert.Equal(("augment", "timestamp", "waiting", pki.TsaAuthority), (told.GetProperty("kind").GetString(),
            told.GetProperty("waitingFor").GetString(), told.GetProperty("status").GetString(), told.GetProperty("service").GetString()));
        Assert.False(told.TryGetProperty("name", out _));

        await RetryAfter(TimeSpan.FromMinutes(1));    // attempt 1
        await RetryAfter(TimeSpan.FromMinutes(1));    // attempt 2
        await RetryAfter(TimeSpan.FromMinutes(5));    // attempt 3 of 3
        var dead = await Accepted(await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/augment/{id}"));
        Assert.Equal(("dead-letter", 3), (dead.GetProperty("status").GetString(), dead.GetProperty("attempts").GetInt32()));
        Assert.Equal("dead-letter", Assert.Single((await HeldOfDossier(code)).EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal("dead-letter", Assert.Single((await WaitingOnTimeline(code)).EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(0, await RetryAfter(TimeSpan.FromHours(8)));   // a dead letter is not retried by itself

        var admin = Hub.Client(TestHub.AdminKey);
        var list = await (await admin.GetAsync("/api/v1/admin/held-seals?state=dead&kind=augment")).Json();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.DoesNotContain((await (await admin.GetAsync("/api/v1/admin/held-seals?kind=seal")).Json()).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetString() == id);
        await (await admin.GetAsync("/api/v1/admin/held-seals?kind=other")).AssertProblem(400);
        var replayed = await admin.PostAsync($"/api/v1/admin/held-seals/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("waiting-for-timestamp", (await replayed.Json()).GetProperty("status").GetString());
        Assert.Equal(1, await Hub.Service<HubStore>().ListHeldSealsAsync(HeldSealState.Waiting, 500, kind: HeldKinds.Augment).ContinueWith(t => t.Result.Count(h => h.Id == id)));

        pki.StartTsa();
        Assert.Equal(1, await RetryAfter(TimeSpan.Zero));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/augment/{id}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await VerifyWithOpenssl(await done.Json(), content);
        Assert.Equal(0, (await HeldOfDossier(code)).GetArrayLength());
        Assert.Equal(0, (await WaitingOnTimeline(code)).GetArrayLength());
    }

    private async Task<JsonElement> WaitingOnTimeline(string code)
    {
        var response = await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/reports/dossiers/{code}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).GetProperty("signaturesWaiting");
    }

    [Fact]
    public async Task Behind_the_TSAs_open_circuit_a_request_is_held_without_asking_it_a_bad_signature_is_still_refused_and_the_probe_finishes_all()
    {
        var contents = Enumerable.Range(0, 4).Select(_ => NewContent()).ToList();
        var signatures = new List<byte[]>();
        foreach (var c in contents) signatures.Add(await pki.SignAsync(c, pki.NewSigner(), withTimestamp: false));
        pki.StopTsa();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await Accepted(await Augment(Body(contents[i], signatures[i])))).GetProperty("id").GetString()!);
        Assert.Equal(0, await RetryAfter(TimeSpan.FromMinutes(1)));   // three failures open timestamp@host (LongTerm:Circuit: 3, 50 %)
        var circuits = await (await Hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/held-seals/circuits")).Json();
        Assert.Equal("Open", circuits.GetProperty($"timestamp@{pki.TsaAuthority}").GetString());

        pki.StartTsa();   // back, but behind the open circuit the hub does not ask it
        var fourth = await Accepted(await Augment(Body(contents[3], signatures[3])));
        Assert.Contains("circuit", fourth.GetProperty("lastError").GetString());
        ids.Add(fourth.GetProperty("id").GetString()!);
        var refused = await (await Augment(Body(NewContent(), signatures[3]))).AssertProblem(422);
        Assert.Equal("NOT_VALID", refused.GetProperty("reason").GetString());

        // After the break (10 minutes) the first row is the probe; it succeeds, the circuit closes, all four are done.
        Assert.Equal(4, await RetryAfter(TimeSpan.FromMinutes(11)));
        foreach (var id in ids) Assert.Equal(HttpStatusCode.OK, (await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/augment/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_killed_workers_lease_gives_the_row_back()
    {
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(), withTimestamp: false);
        pki.StopTsa();
        var id = (await Accepted(await Augment(Body(content, signature)))).GetProperty("id").GetString()!;
        pki.StartTsa();
        Hub.Time.Advance(TimeSpan.FromMinutes(1));
        // A worker claims the row and dies before it is done.
        Assert.Contains(await Hub.Service<HubStore>().ClaimDueHeldSealsAsync(50, TimeSpan.FromMinutes(2)), h => h.Id == id);
        Assert.Equal(0, await RetryAfter(TimeSpan.FromMinutes(1)));   // still leased
        Assert.Equal(1, await RetryAfter(TimeSpan.FromMinutes(1)));   // the lease ran out
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/augment/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_held_augmentation_is_its_callers_only_and_seal_and_augment_ids_do_not_cross()
    {
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(), withTimestamp: false);
        pki.StopTsa();
        var response = await Augment(Body(content, signature));
        var id = (await Accepted(response)).GetProperty("id").GetString()!;

        await (await Hub.Client(TestHub.OtherAgencyKey).GetAsync(response.Headers.Location)).AssertProblem(404);
        await (await Hub.Client(TestHub.AdminKey).GetAsync(response.Headers.Location)).AssertProblem(404);   // an admin lists it, the route is the caller's
        await (await Hub.Client(TestHub.PortalKey).GetAsync(response.Headers.Location)).AssertProblem(403);
        await (await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/seal/{id}")).AssertProblem(404);
        await (await Hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/signatures/augment/no-such-id")).AssertProblem(404);

        pki.StartTsa();
        Assert.Equal(1, await RetryAfter(TimeSpan.FromMinutes(1)));
        await (await Hub.Client(TestHub.OtherAgencyKey).GetAsync(response.Headers.Location)).AssertProblem(404);
    }

    [Fact]
    public async Task Permanent_failures_are_immediate_4xx_problems_and_store_nothing()
    {
        var content = NewContent();
        var signature = await pki.SignAsync(content, pki.NewSigner(), withTimestamp: false);
        var before = await HeldCount();
        pki.StopTsa();   // even with the TSA down, a signature that does not match its content is refused, not held

        var tampered = await Augment(Body(NewContent(), signature));
        var problem = await tampered.AssertProblem(422);
        Assert.Equal("NOT_VALID", problem.GetProperty("reason").GetString());
        await (await Augment(Body(content, signature, to: "b-lt"))).AssertProblem(400);
        await (await Augment(Body(content, signature, dossierCode: "  "))).AssertProblem(400);
        await (await Augment(Body(content, signature, dossierCode: "000.00.25.H47-261130-9999"))).AssertProblem(404);
        var code = await NewDossier();
        await (await Augment(Body(content, signature, dossierCode: code), TestHub.OtherAgencyKey)).AssertProblem(403);
        await (await Hub.Client(TestHub.OtherAgencyKey).PostJson("/api/v1/signatures/seal", SealingHub.Document("x").Also(d => d["dossierCode"] = code))).AssertProblem(403);
        Assert.Equal(before, await HeldCount());
        Assert.Equal(0, (await HeldOfDossier(code)).GetArrayLength());
    }
}

/// <summary>
/// An OCSP responder down: `openssl ocsp` answers on the real clock, so this hub's fake clock starts near the real time
/// (its PKI and CRLs are made on it) and only the test moves it.
/// </summary>
public sealed class HeldAugmentationOcspTests : HeldAugmentationTestsBase, IClassFixture<HeldAugmentationOcspTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public EnginePkiHub Pki { get; } = new();

        public Task InitializeAsync()
        {
            // A few minutes behind: the path validator refuses a validation time after the real one, and openssl's
            // thisUpdate (real time) stays within the OCSP checker's clock skew.
            Pki.Hub.Time.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(-3));
            Pki.Hub.ExtraSettings.AddRange(["--Sealing:Worker=false", "--Sealing:MaxAttempts=3", "--Sealing:RetryDelays:0=00:01:00"]);
            return Pki.InitializeAsync();
        }

        public Task DisposeAsync() => Pki.DisposeAsync();
    }

    public HeldAugmentationOcspTests(Fixture fixture) : base(fixture.Pki) { }

    [RequiresToolFact("openssl")]
    public async Task OCSP_responder_down_holds_the_augmentation_and_when_openssl_ocsp_answers_GET_gives_a_B_LT_openssl_verifies()
    {
        var port = EnginePkiHub.ClosedPort();
        var now = Hub.Time.GetUtcNow();
        // OCSP only (no CRL distribution point): nothing but the responder can give the signer's status.
        var signer = F.Issue(pki.IssuingCa, F.Name("Trần Tấn Phú OCSP", serialNumber: "CCCD:054090001234"), RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation) { OcspUrl = $"http://127.0.0.1:{port}/" });
        var responder = F.Issue(pki.IssuingCa, F.Name("Held Augmentation OCSP Responder (TEST ONLY)"), RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature) { ExtendedKeyUsages = [F.OcspSigning], OcspNoCheck = true });
        var folder = Directory.CreateTempSubdirectory("hub-held-ocsp-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "ca.crt"), pki.IssuingCa.Certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "responder.crt"), responder.Certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "responder.key"), responder.Key.ExportPkcs8PrivateKeyPem() + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "index.txt"),
            $"V\t{signer.Certificate.NotAfter.ToUniversalTime():yyMMddHHmmss}Z\t\t{signer.Certificate.SerialNumber}\tunknown\t/CN=signer\n");
        var content = NewContent();
        var signature = await pki.SignAsync(content, signer, withTimestamp: true);

        var response = await Augment(Body(content, signature));
        var held = await Accepted(response);
        Assert.Equal(("waiting-for-revocation", "revocation", $"127.0.0.1:{port}"), (held.GetProperty("status").GetString(),
            held.GetProperty("waitingFor").GetString(), held.GetProperty("host").GetString()));

        using var ocsp = OpensslOcsp.Start(folder, port);
        var finished = await RetryAfter(TimeSpan.FromMinutes(1));
        var row = await Hub.Service<HubStore>().GetHeldSealAsync(held.GetProperty("id").GetString()!);
        Assert.True(finished == 1, $"{row!.State}: {row.LastError}");
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        var text = await done.Content.ReadAsStringAsync();
        Assert.True(done.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("B-LT", "TOTAL_PASSED"), (body.GetProperty("level").GetString(), body.GetProperty("report").GetProperty("indication").GetString()));
        await VerifyWithOpenssl(body, content);
        Directory.Delete(folder, true);
    }
}

/// <summary>`openssl ocsp` as a responder on 127.0.0.1 for one CA (index.txt, ca.crt, responder.crt/key in a folder).</summary>
internal sealed class OpensslOcsp : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private OpensslOcsp(System.Diagnostics.Process process) => _process = process;

    public static OpensslOcsp Start(string folder, int port)
    {
        var start = new System.Diagnostics.ProcessStartInfo("openssl")
        {
            WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "ocsp", "-index", "index.txt", "-port", port.ToString(), "-CA", "ca.crt", "-rsigner", "responder.crt",
                     "-rkey", "responder.key", "-nmin", "60", "-ignore_err" })
            start.ArgumentList.Add(arg);
        var process = System.Diagnostics.Process.Start(start)!;
        // Its own "waiting for OCSP client connections" line: a probe connection would block the single-threaded responder.
        using var ready = new ManualResetEventSlim();
        void Watch(object? _, System.Diagnostics.DataReceivedEventArgs e)
        {
            if (e.Data?.Contains("waiting for OCSP client connections", StringComparison.Ordinal) == true) ready.Set();
        }
        process.OutputDataReceived += Watch;
        process.ErrorDataReceived += Watch;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException($"openssl ocsp did not start (exited: {process.HasExited})");
        return new OpensslOcsp(process);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}

/// <summary>A CRL distribution point on 127.0.0.1 serving the CRL <paramref name="crl"/> makes at each request, counted.</summary>
internal sealed class CrlHost : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _requests;

    public CrlHost(int port, Func<byte[]> crl)
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                Interlocked.Increment(ref _requests);
                await context.Response.OutputStream.WriteAsync(crl());
                context.Response.Close();
            }
        });
    }

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose() => _listener.Close();
}
