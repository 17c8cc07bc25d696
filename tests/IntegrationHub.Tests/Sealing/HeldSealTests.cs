using System.Text.Json;
using IntegrationHub.Storage;

namespace IntegrationHub.Tests.Sealing;

/// <summary>
/// Issue 11: a seal whose TSA does not answer is signed now, kept, and finished when the TSA is back; never lost, not
/// even across a restart. Every test leaves the TSA up and no seal waiting, so the next one starts clean.
/// </summary>
public sealed class HeldSealTests : IClassFixture<HeldSealTests.Fixture>
{
    /// <summary>No circuit opens here (that is <see cref="TsaCircuitTests"/>): each failure is one counted attempt.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SealingHub Sealing { get; } = new();

        public Task InitializeAsync()
        {
            Sealing.Settings.Add("--Sealing:Circuit:MinimumThroughput=1000");
            return Sealing.InitializeAsync();
        }

        public Task DisposeAsync() => Sealing.DisposeAsync();
    }

    private readonly SealingHub s;

    public HeldSealTests(Fixture fixture)
    {
        s = fixture.Sealing;
        s.Tsa.Start();
    }

    private TestHub Hub => s.Hub;

    private static async Task<JsonElement> Accepted(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Json();
    }

    [RequiresToolFact("openssl")]
    public async Task TSA_up_seals_B_T_at_once_and_openssl_verifies_the_signature_and_its_timestamp()
    {
        var response = await s.Seal("Kết quả giải quyết");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json();
        Assert.Equal("B-T", body.GetProperty("report").GetProperty("signatures")[0].GetProperty("level").GetString());
        await s.VerifyBtWithOpenssl(body, "Kết quả giải quyết");
    }

    [RequiresToolFact("openssl")]
    public async Task TSA_down_answers_202_with_Location_GET_shows_waiting_and_the_worker_finishes_B_T_when_it_is_back()
    {
        s.Tsa.Stop();
        var response = await s.Seal("Giấy chứng nhận đăng ký doanh nghiệp");
        var held = await Accepted(response);
        var id = held.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/signatures/seal/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("waiting-for-timestamp", held.GetProperty("status").GetString());
        Assert.Equal("timestamp", held.GetProperty("step").GetString());
        Assert.Contains("did not answer", held.GetProperty("lastError").GetString());

        var waiting = await Accepted(await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location));
        Assert.Equal("waiting-for-timestamp", waiting.GetProperty("status").GetString());
        Assert.Equal(0, await s.RetryAfter(TimeSpan.FromSeconds(30)));   // not due yet: the first retry is a minute after the request

        s.Tsa.Start();
        var requests = s.Tsa.Requests;
        Assert.Equal(1, await s.RetryAfter(TimeSpan.FromSeconds(30)));
        Assert.Equal(requests + 1, s.Tsa.Requests);

        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = await done.Json();
        Assert.Equal(("ket-qua.txt.p7s", "cades-attached"), (body.GetProperty("name").GetString(), body.GetProperty("mode").GetString()));
        Assert.Equal("TOTAL_PASSED", body.GetProperty("report").GetProperty("indication").GetString());
        Assert.Equal("B-T", body.GetProperty("report").GetProperty("signatures")[0].GetProperty("level").GetString());
        await s.VerifyBtWithOpenssl(body, "Giấy chứng nhận đăng ký doanh nghiệp");
        Assert.Equal(0, await s.RetryAfter(TimeSpan.FromHours(1)));   // finished once
    }

    [RequiresToolFact("xmlsec1")]
    public async Task An_XML_seal_held_while_the_TSA_is_down_gets_its_XAdES_signature_timestamp_later_and_xmlsec1_verifies_it()
    {
        s.Tsa.Stop();
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ketQua><soHoSo>000.00.01.H01-261207-0001</soHoSo><noiDung>Cấp phép</noiDung></ketQua>";
        var request = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "ket-qua.xml", ["mediaType"] = "application/xml", ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml)),
        };
        var response = await Hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", request);
        var held = await Accepted(response);
        Assert.Equal("timestamp", held.GetProperty("step").GetString());   // signed now, timestamped later: not re-sealed

        s.Tsa.Start();
        Assert.Equal(1, await s.RetryAfter(TimeSpan.FromMinutes(1)));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = await done.Json();
        Assert.Equal("xades-enveloped", body.GetProperty("mode").GetString());
        Assert.Equal("TOTAL_PASSED", body.GetProperty("report").GetProperty("indication").GetString());
        Assert.Equal("B-T", body.GetProperty("report").GetProperty("signatures")[0].GetProperty("level").GetString());

        var folder = Directory.CreateTempSubdirectory("hub-held-xades-").FullName;
        var file = Path.Combine(folder, "sealed.xml");
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(body.GetProperty("content").GetString()!));
        var (code, _, error) = await Tools.Run("xmlsec1", "--verify", "--trusted-pem", s.Pki.RootPem, "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", file);
        Assert.True(code == 0, error);
        Assert.Contains("SignatureTimeStamp", await File.ReadAllTextAsync(file));
    }

    [RequiresToolFact("openssl")]
    public async Task After_max_attempts_a_dead_letter_is_listed_for_admins_and_replayed_to_B_T()
    {
        s.Tsa.Stop();
        var id = (await Accepted(await s.Seal("Quyết định hành chính"))).GetProperty("id").GetString()!;
        await s.RetryAfter(TimeSpan.FromMinutes(1));    // attempt 1
        await s.RetryAfter(TimeSpan.FromMinutes(1));    // attempt 2, after the 1 minute delay
        Assert.Equal(HeldSealState.Waiting, (await Hub.Service<HubStore>().GetHeldSealAsync(id))!.State);
        await s.RetryAfter(TimeSpan.FromMinutes(5));    // attempt 3 of 3
        var dead = await Accepted(await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/seal/{id}"));
        Assert.Equal(("dead-letter", 3), (dead.GetProperty("status").GetString(), dead.GetProperty("attempts").GetInt32()));
        Assert.Equal(0, await s.RetryAfter(TimeSpan.FromHours(8)));   // a dead letter is not retried by itself

        var admin = Hub.Client(TestHub.AdminKey);
        var list = await (await admin.GetAsync("/api/v1/admin/held-seals?state=dead")).Json();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        await (await Hub.Client(TestHub.AgencyKey).PostAsync($"/api/v1/admin/held-seals/{id}/retry", null)).AssertProblem(403);
        await (await admin.PostAsync("/api/v1/admin/held-seals/no-such-seal/retry", null)).AssertProblem(404);

        var replayed = await admin.PostAsync($"/api/v1/admin/held-seals/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("waiting-for-timestamp", (await replayed.Json()).GetProperty("status").GetString());
        s.Tsa.Start();
        Assert.Equal(1, await s.RetryAfter(TimeSpan.Zero));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/seal/{id}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await s.VerifyBtWithOpenssl(await done.Json(), "Quyết định hành chính");
    }

    [RequiresToolFact("openssl")]
    public async Task A_restarted_hub_on_the_same_SQLite_file_still_finishes_the_held_seal()
    {
        s.Tsa.Stop();
        var id = (await Accepted(await s.Seal("Giấy phép xây dựng"))).GetProperty("id").GetString()!;
        await Hub.RestartAsync();
        s.Tsa.Start();

        Assert.Equal(1, await s.RetryAfter(TimeSpan.FromMinutes(1)));
        var done = await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/seal/{id}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await s.VerifyBtWithOpenssl(await done.Json(), "Giấy phép xây dựng");
    }

    [Fact]
    public async Task A_held_seal_naming_a_dossier_shows_in_its_view_as_waiting_for_timestamp_until_it_is_sealed()
    {
        var code = Submissions.NextCode();
        Assert.True((await Hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code))).IsSuccessStatusCode);
        async Task<JsonElement> Held() => (await (await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("heldSignatures");
        s.Tsa.Stop();
        var request = SealingHub.Document("Kết quả hồ sơ");
        request["dossierCode"] = code;
        var id = (await Accepted(await Hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", request))).GetProperty("id").GetString()!;

        var shown = Assert.Single((await Held()).EnumerateArray());
        Assert.Equal((id, "seal", "waiting-for-timestamp", s.Tsa.Url.Authority), (shown.GetProperty("id").GetString(), shown.GetProperty("kind").GetString(),
            shown.GetProperty("status").GetString(), shown.GetProperty("host").GetString()));
        s.Tsa.Start();
        Assert.Equal(1, await s.RetryAfter(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, (await Held()).GetArrayLength());
        request["dossierCode"] = "000.00.25.H47-261130-9998";
        await (await Hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/seal", request)).AssertProblem(404);
    }

    [Fact]
    public async Task Held_seal_is_its_callers_only_and_an_unknown_id_is_404_problem_json()
    {
        s.Tsa.Stop();
        var response = await s.Seal("Văn bản trả lời");
        var id = (await Accepted(response)).GetProperty("id").GetString()!;

        await (await Hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/signatures/seal/no-such-seal")).AssertProblem(404);
        await (await Hub.Client(TestHub.OtherAgencyKey).GetAsync(response.Headers.Location)).AssertProblem(404);
        await (await Hub.Client(TestHub.PortalKey).GetAsync(response.Headers.Location)).AssertProblem(403);
        await (await Hub.Client().GetAsync(response.Headers.Location)).AssertProblem(401);

        s.Tsa.Start();
        Assert.Equal(1, await s.RetryAfter(TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/signatures/seal/{id}")).StatusCode);
    }
}
