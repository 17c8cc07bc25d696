using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests.Admin;

public sealed class DeliveriesRetryTests(TestHub hub) : IClassFixture<TestHub>
{
    private HttpClient Admin => hub.Client(TestHub.AdminKey);

    [Fact]
    public async Task Retry_makes_a_dead_letter_pending_and_due_now_and_audits_it()
    {
        var dossier = OutboxSeed.NextDossier();
        var id = await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead);

        var response = await Admin.PostAsync($"/api/v1/admin/deliveries/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Json()).GetProperty("requeued").GetInt32());
        var row = await OutboxSeed.GetAsync(hub, id);
        Assert.Equal(DeliveryState.Pending, row.State);
        Assert.Equal(hub.Time.GetUtcNow(), row.NextAttemptAt);
        var audit = await hub.Service<IAuditLog>().ListEntriesAsync(dossier, limit: 500);
        Assert.Contains(audit, e => e.Action == "delivery.requeued" && e.Actor == "admin" && e.Details == $"outbox {id}");
        // The dispatcher would now claim it.
        Assert.Contains(await hub.Service<IOutboxStore>().ClaimDueAsync(500, TimeSpan.FromMinutes(2)), d => d.Id == id);
    }

    [Fact]
    public async Task Retry_of_a_retrying_row_brings_it_forward()
    {
        var id = await OutboxSeed.AddAsync(hub, OutboxSeed.NextDossier(), "trade", DeliveryState.Retrying);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/v1/admin/deliveries/{id}/retry", null)).StatusCode);
        Assert.Equal(DeliveryState.Pending, (await OutboxSeed.GetAsync(hub, id)).State);
    }

    [Fact]
    public async Task Retry_of_a_delivered_or_unknown_row_is_404_and_changes_nothing()
    {
        var id = await OutboxSeed.AddAsync(hub, OutboxSeed.NextDossier(), "justice", DeliveryState.Delivered);
        await (await Admin.PostAsync($"/api/v1/admin/deliveries/{id}/retry", null)).AssertProblem(404);
        Assert.Equal(DeliveryState.Delivered, (await OutboxSeed.GetAsync(hub, id)).State);
        await (await Admin.PostAsync("/api/v1/admin/deliveries/987654321/retry", null)).AssertProblem(404);
    }

    [Fact]
    public async Task Bulk_retry_requeues_what_the_filter_matches_and_audits_reason_and_count()
    {
        var dossier = OutboxSeed.NextDossier();
        var tradeDead = new[]
        {
            await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Dead, "authentication"),
            await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Dead, "authentication"),
        };
        var otherClass = await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Dead, "validation");
        var otherSystem = await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead, "authentication");
        var reason = "trade rotated its client secret " + Guid.NewGuid().ToString("N")[..6];

        var response = await Admin.PostAsJsonAsync("/api/v1/admin/deliveries/retry",
            new { reason, system = "trade", errorClass = "authentication", dossier });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Json()).GetProperty("requeued").GetInt32());
        foreach (var id in tradeDead) Assert.Equal(DeliveryState.Pending, (await OutboxSeed.GetAsync(hub, id)).State);
        Assert.Equal(DeliveryState.Dead, (await OutboxSeed.GetAsync(hub, otherClass)).State);
        Assert.Equal(DeliveryState.Dead, (await OutboxSeed.GetAsync(hub, otherSystem)).State);
        var audit = await hub.Service<IAuditLog>().ListEntriesAsync(afterSequence: 0, limit: 100_000);
        var entry = Assert.Single(audit, e => e.Action == "delivery.bulk-retry" && e.Details!.Contains(reason));
        Assert.Equal("admin", entry.Actor);
        Assert.Contains("system=trade", entry.Details);
        Assert.Contains("requeued: 2", entry.Details);
        Assert.True((await hub.Service<IAuditLog>().VerifyAsync()).Ok);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"   \"}")]
    [InlineData("{\"reason\":\"ok\",\"state\":\"exploded\"}")]
    [InlineData("{\"reason\":\"ok\",\"system\":\"nowhere\"}")]
    public async Task Bulk_retry_without_a_reason_or_with_a_bad_filter_is_400_and_changes_nothing(string body)
    {
        var id = await OutboxSeed.AddAsync(hub, OutboxSeed.NextDossier(), "justice", DeliveryState.Dead);
        var response = await Admin.PostAsync("/api/v1/admin/deliveries/retry", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(400);
        Assert.Equal(DeliveryState.Dead, (await OutboxSeed.GetAsync(hub, id)).State);
    }

    [Fact]
    public async Task Bulk_retry_with_a_reason_too_long_is_400()
    {
        var body = new JsonObject { ["reason"] = new string('x', 501) };
        await (await Admin.PostJson("/api/v1/admin/deliveries/retry", body)).AssertProblem(400);
    }

    [Fact]
    public async Task Only_admins_retry()
    {
        var id = await OutboxSeed.AddAsync(hub, OutboxSeed.NextDossier(), "justice", DeliveryState.Dead);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().PostAsync($"/api/v1/admin/deliveries/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(TestHub.AgencyKey).PostAsync($"/api/v1/admin/deliveries/{id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(TestHub.JusticeKey).PostJson("/api/v1/admin/deliveries/retry", new JsonObject { ["reason"] = "x" })).StatusCode);
        Assert.Equal(DeliveryState.Dead, (await OutboxSeed.GetAsync(hub, id)).State);
    }
}
