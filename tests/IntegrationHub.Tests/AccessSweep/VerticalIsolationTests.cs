using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;
using IntegrationHub.Tests.Admin;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>
/// A vertical system's key cannot read, move, replay or list another system's dossiers, over REST or SOAP, and
/// whatever it tries leaves the dossier, its history and its deliveries as they were. An agency sees only its own.
/// </summary>
public sealed class VerticalIsolationTests(SweepHub sweep) : IClassFixture<SweepHub>
{
    private static readonly Dictionary<string, string> KeyBySystem = new()
    {
        ["planning-investment"] = TestHub.PlanningKey, ["trade"] = SweepHub.TradeKey, ["justice"] = TestHub.JusticeKey,
    };

    [Fact]
    public async Task A_system_key_cannot_touch_another_systems_dossier_and_the_store_is_unchanged()
    {
        var failures = new List<string>();
        var dead = new Dictionary<string, long>();
        foreach (var (system, code) in sweep.DossierBySystem)
        {
            dead[system] = await OutboxSeed.AddAsync(sweep.Hub, code, system, DeliveryState.Dead);
            using var own = await sweep.Hub.Client(KeyBySystem[system]).PostJson($"/api/v1/dossiers/{code}/events", Event("OWNER-1", 2));
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
        var before = await SnapshotAsync();

        foreach (var (intruder, key) in KeyBySystem)
        foreach (var (owner, code) in sweep.DossierBySystem.Where(d => d.Key != intruder))
        {
            var client = sweep.Hub.Client(key);
            async Task Expect(string what, Task<HttpResponseMessage> call, params int[] statuses)
            {
                using var response = await call;
                if (!statuses.Contains((int)response.StatusCode))
                    failures.Add($"{intruder} → {owner}'s {code}: {what} answered {(int)response.StatusCode}, expected {string.Join(" or ", statuses)}");
            }
            await Expect("GET dossier", client.GetAsync($"/api/v1/dossiers/{code}"), 403, 404);
            await Expect("POST event", client.PostJson($"/api/v1/dossiers/{code}/events", Event($"{intruder}-1", 2)), 403, 404);
            // An event id the owner may use: the answer must not say "duplicate" or anything else about the dossier.
            await Expect("POST event (owner's id)", client.PostJson($"/api/v1/dossiers/{code}/events", Event("OWNER-1", 2)), 403, 404);
            await Expect("GET timeline", client.GetAsync($"/api/v1/reports/dossiers/{code}/timeline"), 403, 404);
            await Expect("GET public view with the key", client.GetAsync($"/api/v1/public/dossiers/{code}"), 200);
            await Expect("list deliveries", client.GetAsync($"/api/v1/admin/deliveries?dossier={code}"), 403);
            await Expect("retry delivery", client.PostAsync($"/api/v1/admin/deliveries/{dead[owner]}/retry", null), 403);
            await Expect("bulk retry", client.PostJson("/api/v1/admin/deliveries/retry", new JsonObject { ["reason"] = "x", ["dossier"] = code }), 403);
            await Expect("replay", client.PostJson("/api/v1/admin/console/replays", new JsonObject { ["reason"] = "x", ["dossier"] = code }), 403);

            foreach (var operation in new[] { "UpdateDossierStatus", "GetDossierStatus" })
            {
                foreach (var (how, message) in new[]
                {
                    ("X-Api-Key header", WithHeader(SweepRequests.Soap(operation, code, eventId: "OWNER-1"), key)),
                    ("SOAP ApiKey header", SweepRequests.Soap(operation, code, headerKey: key, eventId: "OWNER-1")),
                })
                {
                    using var response = await sweep.Hub.Client().SendAsync(message);
                    var fault = Soap11.FaultCode(await response.Content.ReadAsStringAsync());
                    if (fault != "Forbidden") failures.Add($"{intruder} → {owner}'s {code}: SOAP {operation} ({how}) gave fault {fault ?? "none"}, expected Forbidden");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync());
        foreach (var (system, id) in dead) Assert.Equal(DeliveryState.Dead, (await OutboxSeed.GetAsync(sweep.Hub, id)).State);
    }

    [Fact]
    public async Task Each_system_key_still_moves_and_reads_its_own_dossier()
    {
        // The control of the test above: the refusals are about ownership, not a hub that refuses everyone.
        foreach (var (system, key) in KeyBySystem)
        {
            var code = await NewDossierAsync(system);
            using var rest = await sweep.Hub.Client(key).PostJson($"/api/v1/dossiers/{code}/events", Event($"OWN-{system}", 2));
            Assert.True(rest.StatusCode == HttpStatusCode.OK, $"{system}: {(int)rest.StatusCode} {await rest.Content.ReadAsStringAsync()}");
            using var soap = await sweep.Hub.Client().SendAsync(SweepRequests.Soap("GetDossierStatus", code, headerKey: key));
            var body = await soap.Content.ReadAsStringAsync();
            Assert.Null(Soap11.FaultCode(body));
            Assert.Contains($"<Status>2</Status>", body);
        }
    }

    [Fact]
    public async Task An_agency_reads_only_its_own_dossiers_and_an_agency_key_naming_no_agency_reads_none()
    {
        var trade = sweep.DossierBySystem["trade"];           // agency 000.00.19.H47
        var planning = sweep.DossierBySystem["planning-investment"]; // agency 000.00.25.H47
        Assert.Equal(HttpStatusCode.OK, (await sweep.Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/dossiers/{planning}")).StatusCode);
        await (await sweep.Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/dossiers/{trade}")).AssertProblem(403);
        await (await sweep.Hub.Client(TestHub.AgencyKey).GetAsync($"/api/v1/reports/dossiers/{trade}/timeline")).AssertProblem(403);
        await (await sweep.Hub.Client(TestHub.OtherAgencyKey).GetAsync($"/api/v1/dossiers/{planning}")).AssertProblem(403);
        // Fail closed: an agency key configured without Auth:ApiKeys:N:Agency belongs to no agency, as the reports already hold.
        foreach (var code in new[] { planning, trade })
        {
            await (await sweep.Hub.Client(SweepHub.AgencyWithoutAgencyKey).GetAsync($"/api/v1/dossiers/{code}")).AssertProblem(403);
            await (await sweep.Hub.Client(SweepHub.AgencyWithoutAgencyKey).GetAsync($"/api/v1/reports/dossiers/{code}/timeline")).AssertProblem(403);
        }
    }

    private async Task<string> NewDossierAsync(string system) => system switch
    {
        "planning-investment" => await sweep.SubmitAsync("000.00.25.H47", Submissions.FlagProcedure),
        "trade" => await sweep.SubmitAsync("000.00.19.H47", "2.000591"),
        _ => await sweep.SubmitAsync("000.30.20.H47", "1.000894"),
    };

    /// <summary>Each seeded dossier as the admin sees it (status, history, deliveries), and its outbox rows.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var code in sweep.DossierBySystem.Values.Order())
        {
            parts.Add(await sweep.Hub.Client(TestHub.AdminKey).GetStringAsync($"/api/v1/dossiers/{code}"));
            var rows = await sweep.Hub.Service<IOutboxStore>().ListDeliveriesAsync(new DeliveryQuery(DossierCode: code, Limit: 100));
            parts.AddRange(rows.Items.Select(r => $"{r.Id} {r.State} {r.Attempts} {r.NextAttemptAt:O} {r.LastError}"));
        }
        return string.Join("\n", parts);
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage message, string key)
    {
        message.Headers.Add("X-Api-Key", key);
        return message;
    }

    private static JsonObject Event(string id, int status) => new()
    {
        ["eventId"] = id, ["status"] = status, ["at"] = "2026-11-30T10:00:00+07:00",
    };
}
