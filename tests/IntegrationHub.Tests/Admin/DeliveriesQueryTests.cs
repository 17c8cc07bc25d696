using System.Text.Json;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests.Admin;

public sealed class DeliveriesQueryTests(TestHub hub) : IClassFixture<TestHub>
{
    private HttpClient Admin => hub.Client(TestHub.AdminKey);

    [Fact]
    public async Task Filter_by_state_system_and_error_class_returns_only_matching_rows_newest_first()
    {
        var dossier = OutboxSeed.NextDossier();
        var deadJustice = await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead, "validation");
        var deadJustice2 = await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead, "validation");
        await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead, "authentication");
        await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Dead, "validation");
        await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Retrying, "transient");
        await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Delivered);

        var page = await (await Admin.GetAsync($"/api/v1/admin/deliveries?state=dead&system=justice&errorClass=validation&dossier={dossier}")).Json();

        Assert.Equal(2, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([deadJustice2, deadJustice], items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.All(items, i =>
        {
            Assert.Equal("dead", i.GetProperty("state").GetString());
            Assert.Equal("justice", i.GetProperty("system").GetString());
            Assert.Equal("validation", i.GetProperty("errorClass").GetString());
            Assert.Equal("E-REFUSED: refused", i.GetProperty("lastError").GetString());
            Assert.False(i.TryGetProperty("payload", out _), "the list leaves payloads out");
        });
    }

    [Fact]
    public async Task Each_filter_alone_narrows_the_list()
    {
        var dossier = OutboxSeed.NextDossier();
        await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Retrying, "transient");
        await OutboxSeed.AddAsync(hub, dossier, "trade", DeliveryState.Dead, "not-found");
        await OutboxSeed.AddAsync(hub, dossier, "planning-investment", DeliveryState.Delivered);

        async Task<List<JsonElement>> Items(string query) =>
            (await (await Admin.GetAsync($"/api/v1/admin/deliveries?dossier={dossier}&{query}")).Json()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(3, (await Items("")).Count);
        Assert.Equal(["retrying"], (await Items("state=retrying")).Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(2, (await Items("system=trade")).Count);
        Assert.Equal(["planning-investment"], (await Items("system=planning-investment")).Select(i => i.GetProperty("system").GetString()));
        Assert.Equal(["dead"], (await Items("errorClass=not-found")).Select(i => i.GetProperty("state").GetString()));
        Assert.Empty(await Items("state=pending"));
        // The state filter without a dossier reaches rows of other dossiers too.
        var all = await (await Admin.GetAsync("/api/v1/admin/deliveries?state=retrying&pageSize=500")).Json();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("dossierCode").GetString() == dossier);
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.Equal("retrying", i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Pages_split_the_rows_without_overlap_and_report_the_total()
    {
        var dossier = OutboxSeed.NextDossier();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++) ids.Add(await OutboxSeed.AddAsync(hub, dossier, "national-portal", DeliveryState.Dead, "transient"));

        var seen = new List<long>();
        for (var p = 1; p <= 3; p++)
        {
            var page = await (await Admin.GetAsync($"/api/v1/admin/deliveries?dossier={dossier}&page={p}&pageSize=3")).Json();
            Assert.Equal(7, page.GetProperty("total").GetInt64());
            Assert.Equal(p, page.GetProperty("page").GetInt32());
            Assert.Equal(3, page.GetProperty("pageSize").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        }
        Assert.Equal(ids.OrderByDescending(i => i), seen);
    }

    [Fact]
    public async Task Counts_per_state_follow_the_rows()
    {
        var before = (await (await Admin.GetAsync("/api/v1/admin/deliveries/counts")).Json()).GetProperty("states");
        var dossier = OutboxSeed.NextDossier();
        await OutboxSeed.AddAsync(hub, dossier, "justice", DeliveryState.Dead);
        await OutboxSeed.AddAsync(hub, dossier, "national-portal", DeliveryState.Delivered);
        var after = await (await Admin.GetAsync("/api/v1/admin/deliveries/counts")).Json();
        var states = after.GetProperty("states");

        Assert.Equal(before.GetProperty("dead").GetInt64() + 1, states.GetProperty("dead").GetInt64());
        Assert.Equal(before.GetProperty("delivered").GetInt64() + 1, states.GetProperty("delivered").GetInt64());
        Assert.Equal(before.GetProperty("pending").GetInt64(), states.GetProperty("pending").GetInt64());
        Assert.True(after.GetProperty("nationalPortal").GetProperty("synced").GetInt64() >= 1);
    }

    [Fact]
    public async Task Circuits_name_every_vertical_system()
    {
        var circuits = await (await Admin.GetAsync("/api/v1/admin/deliveries/circuits")).Json();
        foreach (var system in Connectors.VerticalSystems.All)
            Assert.Equal("Closed", circuits.GetProperty(system).GetString());

        var pipelines = hub.Service<Connectors.Resilience.VerticalPipelines>();
        await pipelines.IsolateAsync("trade");
        try
        {
            var isolated = await (await Admin.GetAsync("/api/v1/admin/deliveries/circuits")).Json();
            Assert.Equal("Isolated", isolated.GetProperty("trade").GetString());
            Assert.Equal("Closed", isolated.GetProperty("justice").GetString());
        }
        finally { await pipelines.CloseAsync("trade"); }
    }

    [Theory]
    [InlineData("state=lost", "state")]
    [InlineData("system=ministry-of-magic", "system")]
    [InlineData("errorClass=boredom", "errorClass")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task Bad_filters_are_a_validation_problem_naming_the_field(string query, string field)
    {
        var problem = await (await Admin.GetAsync($"/api/v1/admin/deliveries?{query}")).AssertProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_admins_list_deliveries()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync("/api/v1/admin/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(TestHub.AgencyKey).GetAsync("/api/v1/admin/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(TestHub.PortalKey).GetAsync("/api/v1/admin/deliveries/counts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/api/v1/admin/deliveries")).StatusCode);
    }
}
