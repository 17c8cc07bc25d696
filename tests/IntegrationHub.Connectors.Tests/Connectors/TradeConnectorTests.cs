using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Connectors.Tests.Connectors;

public sealed class TradeConnectorTests
{
    [Fact]
    public async Task Dossiers_are_created_with_one_cached_client_credentials_token()
    {
        await using var rig = await Rig.StartAsync();
        var connector = rig.Connector(VerticalSystems.Trade);

        for (var i = 0; i < 3; i++)
            Assert.Equal(DeliveryResult.Delivered, (await connector.DeliverAsync(TestDossiers.Message(), default)).Result);

        Assert.Equal(1, rig.Sim(SimulatedSystems.Trade).TokensIssued);
        Assert.Equal(3, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
    }

    [Fact]
    public async Task An_expired_token_is_replaced()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o => o.TradeTokenLifetime = TimeSpan.FromMinutes(5), connectorTime: time, simulatorTime: time);
        var connector = rig.Connector(VerticalSystems.Trade);

        await connector.DeliverAsync(TestDossiers.Message(), default);
        time.Advance(TimeSpan.FromMinutes(6));
        var outcome = await connector.DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        Assert.Equal(2, rig.Sim(SimulatedSystems.Trade).TokensIssued);
    }

    [Fact]
    public async Task A_token_revoked_early_is_refreshed_once_and_the_call_succeeds()
    {
        await using var rig = await Rig.StartAsync();
        var connector = rig.Connector(VerticalSystems.Trade);
        await connector.DeliverAsync(TestDossiers.Message(), default);
        rig.Sim(SimulatedSystems.Trade).Tokens.Clear();     // the ministry forgot every token

        var outcome = await connector.DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        Assert.Equal(2, rig.Sim(SimulatedSystems.Trade).TokensIssued);
    }

    [Fact]
    public async Task Bad_client_secret_is_an_authentication_failure()
    {
        await using var rig = await Rig.StartAsync(settings: new Dictionary<string, string?> { ["Verticals:trade:ClientSecret"] = "nope" });

        var outcome = await rig.Connector(VerticalSystems.Trade).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal((DeliveryResult.Failed, FailureClass.Authentication), (outcome.Result, outcome.FailureClass));
    }

    [Fact]
    public async Task Status_changes_are_called_back_to_the_hub_events_route_with_the_api_key()
    {
        await using var hub = await HubStub.StartAsync();
        var simTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o =>
        {
            o.HubEventsBaseUrl = hub.BaseUrl;
            o.HubApiKey = HubStub.ApiKey;
            o.StatusStepInterval = TimeSpan.FromMinutes(10);
        }, simulatorTime: simTime);
        var message = TestDossiers.Message();
        await rig.Connector(VerticalSystems.Trade).DeliverAsync(message, default);

        for (var i = 0; i < 4; i++)
        {
            await rig.Runtime.AdvanceAsync();
            simTime.Advance(TimeSpan.FromMinutes(10));
        }

        var events = hub.RestEvents.ToList();
        Assert.All(events, e => Assert.Equal(message.DossierCode, e.Code));
        Assert.Equal(["RECEIVED", "PROCESSING", "DONE", "RETURNED"], events.Select(e => e.Event.GetProperty("systemStatus").GetString()));
        Assert.Equal("Lê Văn An", events[0].Event.GetProperty("official").GetProperty("name").GetString());
    }
}
