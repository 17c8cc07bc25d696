using System.Text.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Tests.Admin;

/// <summary>The admin console's API: overview counts, trust anchors, bulk replay of dead letters with progress.</summary>
public sealed class ConsoleApiTests(ConsoleApiTests.ConsoleHub fixture) : IClassFixture<ConsoleApiTests.ConsoleHub>
{
    /// <summary>A hub that trusts a throwaway root, with a known set of deliveries.</summary>
    public sealed class ConsoleHub : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();
        public TestPki Pki { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pki = new TestPki(Path.Combine(Hub.DataDir, "pki"));
            Hub.ExtraSettings.Add($"--Signatures:TrustAnchors:0={Pki.RootPem}");
            await Hub.InitializeAsync();
            // planning-investment: 2 pending, 1 retrying, 3 delivered, 2 dead (transient)
            // justice: 1 delivered, 1 dead (validation); trade: 1 dead (authentication); national-portal: none
            foreach (var (system, state, cls, n) in new[]
            {
                ("planning-investment", DeliveryState.Pending, (string?)null, 2), ("planning-investment", DeliveryState.Retrying, "transient", 1),
                ("planning-investment", DeliveryState.Delivered, null, 3), ("planning-investment", DeliveryState.Dead, "transient", 2),
                ("justice", DeliveryState.Delivered, null, 1), ("justice", DeliveryState.Dead, "validation", 1),
                ("trade", DeliveryState.Dead, "authentication", 1),
            })
                for (var i = 0; i < n; i++) await Seed(Hub, Submissions.NextCode(), system, state, cls);
        }

        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private readonly TestHub hub = fixture.Hub;

    /// <summary>Writes one outbox row and moves it to the state through the store's own transitions.</summary>
    public static async Task<long> Seed(TestHub hub, string dossier, string system, DeliveryState state, string? errorClass)
    {
        var outbox = hub.Service<IOutboxStore>();
        var messageId = Guid.NewGuid().ToString("N");
        Assert.True(await outbox.EnqueueAsync(dossier, new OutboxMessage(messageId, system, "{}")));
        var id = (await outbox.ListDeliveriesAsync(new DeliveryQuery(DossierCode: dossier, Limit: 500))).Items.Single(d => d.MessageId == messageId).Id;
        switch (state)
        {
            case DeliveryState.Delivered: await outbox.MarkDeliveredAsync(id); break;
            case DeliveryState.Retrying: await outbox.MarkFailedAsync(id, "503: busy", errorClass!, hub.Time.GetUtcNow().AddHours(1)); break;
            case DeliveryState.Dead: await outbox.MarkDeadAsync(id, "ERR: refused", errorClass!); break;
        }
        return id;
    }

    [Fact]
    public async Task Overview_counts_the_seeded_deliveries_by_state_and_system_and_dead_letters_by_class()
    {
        var overview = await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/console/overview")).Json();
        var systems = overview.GetProperty("systems").EnumerateArray().ToDictionary(s => s.GetProperty("system").GetString()!);
        Assert.Equal(["planning-investment", "justice", "trade", "national-portal"], systems.Keys);

        void AssertStates(string system, long pending, long retrying, long delivered, long dead)
        {
            var states = systems[system].GetProperty("states");
            Assert.Equal([pending, retrying, delivered, dead],
                new[] { "pending", "retrying", "delivered", "dead" }.Select(s => states.GetProperty(s).GetInt64()).ToArray());
        }
        AssertStates("planning-investment", 2, 1, 3, 2);
        AssertStates("justice", 0, 0, 1, 1);
        AssertStates("trade", 0, 0, 0, 1);
        AssertStates("national-portal", 0, 0, 0, 0);
        Assert.All(systems.Values, s => Assert.Equal("Closed", s.GetProperty("circuit").GetString()));

        var totals = overview.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("pending").GetInt64());
        Assert.Equal(4, totals.GetProperty("delivered").GetInt64());
        Assert.Equal(4, totals.GetProperty("dead").GetInt64());

        var byClass = overview.GetProperty("deadLettersByClass");
        Assert.Equal(2, byClass.GetProperty("transient").GetInt64());
        Assert.Equal(1, byClass.GetProperty("validation").GetInt64());
        Assert.Equal(1, byClass.GetProperty("authentication").GetInt64());
        Assert.Equal(0, byClass.GetProperty("not-found").GetInt64());

        // The same numbers as the deliveries API the console builds on.
        var list = await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/deliveries?state=dead&system=planning-investment")).Json();
        Assert.Equal(2, list.GetProperty("total").GetInt64());
    }

    [RequiresToolFact("openssl")]
    public async Task Trust_anchors_list_the_configured_root_with_the_thumbprint_openssl_computes()
    {
        var anchors = await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/console/trust-anchors")).Json();
        var anchor = Assert.Single(anchors.EnumerateArray());
        using var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(fixture.Pki.RootPem));
        Assert.Equal(root.Subject, anchor.GetProperty("subject").GetString());
        Assert.Equal(root.Issuer, anchor.GetProperty("issuer").GetString());
        Assert.Equal(root.SerialNumber, anchor.GetProperty("serialNumber").GetString());
        Assert.Equal(new DateTimeOffset(root.NotAfter.ToUniversalTime()), anchor.GetProperty("notAfter").GetDateTimeOffset());
        Assert.True(anchor.GetProperty("validNow").GetBoolean());

        var (_, output, _) = await Tools.Run("openssl", "x509", "-in", fixture.Pki.RootPem, "-noout", "-fingerprint", "-sha256");
        var opensslHex = output.Trim().Split('=')[1].Replace(":", "");
        Assert.Equal(opensslHex, anchor.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(root.RawData)), opensslHex);
    }

    [Fact]
    public async Task Replay_without_a_reason_is_refused_and_requeues_nothing()
    {
        var admin = hub.Client(TestHub.AdminKey);
        foreach (var body in new[] { """{"system":"planning-investment"}""", """{"reason":"   ","system":"planning-investment"}""" })
        {
            var res = await admin.PostAsync("/api/v1/admin/console/replays", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var problem = await res.AssertProblem(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        }
        var bad = await admin.PostJson("/api/v1/admin/console/replays", new JsonObject { ["reason"] = "x", ["system"] = "ministry-of-magic", ["errorClass"] = "cosmic" });
        var errors = (await bad.AssertProblem(400)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("system", out _));
        Assert.True(errors.TryGetProperty("errorClass", out _));

        var dead = await (await admin.GetAsync("/api/v1/admin/deliveries?state=dead")).Json();
        Assert.Equal(4, dead.GetProperty("total").GetInt64());
        await (await admin.GetAsync("/api/v1/admin/console/replays/" + Guid.NewGuid().ToString("N"))).AssertProblem(404);
    }

    [Fact]
    public async Task Console_routes_refuse_anonymous_callers_and_other_roles()
    {
        var replay = new JsonObject { ["reason"] = "test", ["system"] = "justice" };
        foreach (var (key, status) in new[] { ((string?)null, 401), (TestHub.AgencyKey, 403), (TestHub.PortalKey, 403), (TestHub.PlanningKey, 403) })
        {
            var client = hub.Client(key);
            Assert.Equal(status, (int)(await client.GetAsync("/api/v1/admin/console/overview")).StatusCode);
            Assert.Equal(status, (int)(await client.GetAsync("/api/v1/admin/console/trust-anchors")).StatusCode);
            Assert.Equal(status, (int)(await client.PostJson("/api/v1/admin/console/replays", replay)).StatusCode);
            Assert.Equal(status, (int)(await client.GetAsync("/api/v1/admin/console/replays/abc")).StatusCode);
        }
        var dead = await (await hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/deliveries?state=dead&system=justice")).Json();
        Assert.Equal(1, dead.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Replay_requeues_only_the_matching_dead_letters_audits_the_reason_and_reports_progress()
    {
        // Its own hub: this test changes states the other tests count.
        var own = new TestHub();
        await own.InitializeAsync();
        try
        {
            var a = Submissions.NextCode();
            var matching = new[]
            {
                await Seed(own, a, "planning-investment", DeliveryState.Dead, "transient"),
                await Seed(own, Submissions.NextCode(), "planning-investment", DeliveryState.Dead, "transient"),
            };
            var others = new[]
            {
                await Seed(own, a, "planning-investment", DeliveryState.Dead, "validation"),
                await Seed(own, Submissions.NextCode(), "justice", DeliveryState.Dead, "transient"),
                await Seed(own, Submissions.NextCode(), "planning-investment", DeliveryState.Retrying, "transient"),
                await Seed(own, Submissions.NextCode(), "planning-investment", DeliveryState.Delivered, null),
            };
            var outbox = own.Service<IOutboxStore>();
            var before = await Task.WhenAll(others.Select(id => outbox.GetDeliveryAsync(id)));

            var admin = own.Client(TestHub.AdminKey);
            var res = await admin.PostJson("/api/v1/admin/console/replays",
                new JsonObject { ["reason"] = "Bộ KH&ĐT đã hoạt động lại", ["system"] = "planning-investment", ["errorClass"] = "transient" });
            Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
            var id = (await res.Json()).GetProperty("id").GetString()!;
            Assert.Equal($"/api/v1/admin/console/replays/{id}", res.Headers.Location!.OriginalString);

            var progress = await PollUntilDone(admin, id);
            Assert.Equal(2, progress.GetProperty("total").GetInt32());
            Assert.Equal(2, progress.GetProperty("requeued").GetInt32());
            Assert.Equal(0, progress.GetProperty("skipped").GetInt32());
            Assert.Equal(0, progress.GetProperty("drained").GetInt32());
            Assert.Equal(2, progress.GetProperty("waiting").GetInt32());

            foreach (var m in matching) Assert.Equal(DeliveryState.Pending, (await outbox.GetDeliveryAsync(m))!.State);
            var after = await Task.WhenAll(others.Select(o => outbox.GetDeliveryAsync(o)));
            Assert.Equal(before.Select(d => (d!.State, d.UpdatedAt)), after.Select(d => (d!.State, d.UpdatedAt)));

            // Drained counts what the queue has delivered since.
            await outbox.MarkDeliveredAsync(matching[0]);
            progress = await (await admin.GetAsync($"/api/v1/admin/console/replays/{id}")).Json();
            Assert.Equal(1, progress.GetProperty("drained").GetInt32());
            Assert.Equal(1, progress.GetProperty("waiting").GetInt32());

            var audit = await own.Service<IAuditLog>().ListEntriesAsync(limit: 1000);
            var started = Assert.Single(audit, e => e.Action == "delivery.replay.started");
            Assert.Equal("admin", started.Actor);
            Assert.Contains("Bộ KH&ĐT đã hoạt động lại", started.Details);
            Assert.Contains(id, started.Details);
            Assert.Contains(audit, e => e.Action == "delivery.replay.finished" && e.Details!.Contains("requeued: 2"));
            Assert.Equal(2, audit.Count(e => e.Action == "delivery.requeued"));

            // A dossier filter: only that dossier's remaining dead letter (the validation one).
            res = await admin.PostJson("/api/v1/admin/console/replays", new JsonObject { ["reason"] = "sửa dữ liệu", ["dossier"] = a });
            progress = await PollUntilDone(admin, (await res.Json()).GetProperty("id").GetString()!);
            Assert.Equal(1, progress.GetProperty("requeued").GetInt32());
            Assert.Equal(DeliveryState.Pending, (await outbox.GetDeliveryAsync(others[0]))!.State);
            Assert.Equal(DeliveryState.Dead, (await outbox.GetDeliveryAsync(others[1]))!.State);
        }
        finally { await own.DisposeAsync(); }
    }

    private static async Task<JsonElement> PollUntilDone(HttpClient admin, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // a guard against hanging, not a timing assertion
        while (true)
        {
            var progress = await (await admin.GetAsync($"/api/v1/admin/console/replays/{id}")).Json();
            if (progress.GetProperty("done").GetBoolean()) return progress;
            Assert.True(DateTime.UtcNow < deadline, "replay did not finish: " + progress);
            await Task.Delay(50);
        }
    }
}
