using System.Xml.Linq;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Connectors.Tests.Connectors;

public sealed class JusticeConnectorTests
{
    [Fact]
    public async Task Dossier_is_registered_with_its_data_as_an_XML_payload()
    {
        await using var rig = await Rig.StartAsync();
        var message = TestDossiers.Message(procedure: "1.001193");

        var outcome = await rig.Connector(VerticalSystems.Justice).DeliverAsync(message, default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        var body = XElement.Parse(Assert.Single(rig.Sim(SimulatedSystems.Justice).Ledger.Messages).Body);
        XNamespace ns = "urn:vn:moj:hotich:v1";
        var payload = Assert.Single(body.Element(ns + "Payload")!.Elements());
        Assert.Equal("HoSoHoTich", payload.Name.LocalName);
        Assert.Equal("054090001234", payload.Descendants().Single(e => e.Name.LocalName == "SoDinhDanh").Value);
    }

    [Fact]
    public async Task Civil_status_changes_are_pushed_to_the_hub_SOAP_service()
    {
        await using var hub = await HubStub.StartAsync();
        var simTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o =>
        {
            o.HubSoapUrl = hub.SoapUrl;
            o.HubApiKey = HubStub.ApiKey;
            o.StatusStepInterval = TimeSpan.FromMinutes(10);
        }, simulatorTime: simTime);
        var message = TestDossiers.Message();
        await rig.Connector(VerticalSystems.Justice).DeliverAsync(message, default);

        await rig.Runtime.AdvanceAsync();          // pushes status 1 (received)
        simTime.Advance(TimeSpan.FromMinutes(10));
        await rig.Runtime.AdvanceAsync();          // moves to 2 (processing) and pushes it

        var updates = hub.SoapUpdates.ToList();
        Assert.Equal(["1", "2"], updates.Select(u => u.Descendants().Single(e => e.Name.LocalName == "SystemStatus").Value));
        Assert.All(updates, u => Assert.Equal(message.DossierCode, u.Elements().Single(e => e.Name.LocalName == "dossierCode").Value));
        Assert.Equal($"MOJ-{message.DossierCode}-1", updates[1].Descendants().Single(e => e.Name.LocalName == "EventId").Value);
        Assert.Equal(0, hub.Rejected);
    }

    [Fact]
    public async Task A_push_the_hub_refuses_is_retried_on_the_next_tick()
    {
        await using var hub = await HubStub.StartAsync();
        await using var rig = await Rig.StartAsync(o => { o.HubSoapUrl = hub.SoapUrl; o.HubApiKey = "wrong-key"; });
        await rig.Connector(VerticalSystems.Justice).DeliverAsync(TestDossiers.Message(), default);

        await rig.Runtime.AdvanceAsync();
        rig.Runtime.Options.HubApiKey = HubStub.ApiKey;
        await rig.Runtime.AdvanceAsync();

        Assert.Equal(1, hub.Rejected);
        Assert.Single(hub.SoapUpdates);
    }
}
