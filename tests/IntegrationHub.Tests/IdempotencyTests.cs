using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests;

public sealed class IdempotencyTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task Many_parallel_identical_submissions_create_one_dossier_one_201_and_the_rest_200()
    {
        var code = Submissions.NextCode();
        var body = Submissions.Valid(code);
        var client = hub.Client(TestHub.PortalKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.Submit(body.DeepClone())));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(23, statuses.Count(s => s == HttpStatusCode.OK));
        var deliveries = await hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(DossierCode: code));
        Assert.Single(deliveries.Items);
    }

    [Fact]
    public async Task Same_code_with_other_content_is_409_and_the_stored_dossier_is_unchanged()
    {
        var code = Submissions.NextCode();
        var client = hub.Client(TestHub.PortalKey);
        Assert.Equal(HttpStatusCode.Created, (await client.Submit(Submissions.Valid(code, content: "first"))).StatusCode);
        var conflict = await client.Submit(Submissions.Valid(code, content: "second"));
        await conflict.AssertProblem(409);
        var stored = await hub.Service<IDossierStore>().GetAsync(code);
        Assert.Equal(Core.Dossiers.SubmissionFingerprint.Sha256Hex("first"u8), stored!.Documents[0].Sha256);
    }

    [Fact]
    public async Task Same_payload_again_answers_200_with_the_stored_dossier()
    {
        var code = Submissions.NextCode();
        var client = hub.Client(TestHub.PortalKey);
        var first = await client.Submit(Submissions.Valid(code));
        var again = await client.Submit(Submissions.Valid(code));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Json()).GetProperty("dueAt").GetString(), (await again.Json()).GetProperty("dueAt").GetString());
    }

    [Fact]
    public async Task Parallel_submissions_with_different_content_create_one_dossier_and_the_others_conflict()
    {
        var code = Submissions.NextCode();
        var client = hub.Client(TestHub.PortalKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.Submit(Submissions.Valid(code, content: $"variant {i}"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}
