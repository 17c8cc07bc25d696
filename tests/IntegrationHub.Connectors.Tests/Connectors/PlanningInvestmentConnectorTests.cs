using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Connectors.Tests.Connectors;

public sealed class PlanningInvestmentConnectorTests
{
    [Fact]
    public async Task Dossier_is_received_over_SOAP_with_its_key_and_inline_document()
    {
        await using var rig = await Rig.StartAsync();
        var message = TestDossiers.Message();

        var outcome = await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(message, default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        Assert.StartsWith("DKKD-", outcome.Receipt);
        Assert.False(outcome.Duplicate);
        var received = Assert.Single(rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Messages);
        Assert.Equal($"{message.DossierCode}:submit", received.IdempotencyKey);
        Assert.Contains(Convert.ToBase64String(message.Documents[0].Content!), received.Body);
        Assert.Contains("TOTAL_PASSED", received.Body);
    }

    [Fact]
    public async Task Status_is_pulled_and_mapped_to_national_codes_as_the_dossier_moves()
    {
        var simTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o => o.StatusStepInterval = TimeSpan.FromMinutes(10), simulatorTime: simTime);
        var message = TestDossiers.Message();
        await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(message, default);
        var puller = rig.Get<ConnectorCatalog>().PullerFor(VerticalSystems.PlanningInvestment)!;

        var first = await puller.PullStatusAsync(message.DossierCode, default);
        simTime.Advance(TimeSpan.FromMinutes(10));
        await rig.Runtime.AdvanceAsync();
        var second = await puller.PullStatusAsync(message.DossierCode, default);

        Assert.Equal(("TIEP_NHAN", 2), (first.SystemStatus, first.NationalStatus));
        Assert.Equal(("DANG_XU_LY", 4), (second.SystemStatus, second.NationalStatus));
        Assert.Equal("Nguyễn Thị Bình", second.OfficialName);
    }

    [Fact]
    public async Task Pulling_an_unknown_dossier_is_not_found()
    {
        await using var rig = await Rig.StartAsync();
        var puller = rig.Get<ConnectorCatalog>().PullerFor(VerticalSystems.PlanningInvestment)!;

        var status = await puller.PullStatusAsync("000.00.25.H47-261128-9999", default);

        Assert.Equal(FailureClass.NotFound, status.FailureClass);
    }

    [Fact]
    public async Task Status_table_in_configuration_overrides_the_contract_default()
    {
        await using var rig = await Rig.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Verticals:planning-investment:StatusMap:TIEP_NHAN"] = "1",
        });
        var message = TestDossiers.Message();
        await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(message, default);

        var status = await rig.Get<ConnectorCatalog>().PullerFor(VerticalSystems.PlanningInvestment)!.PullStatusAsync(message.DossierCode, default);

        Assert.Equal(1, status.NationalStatus);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_failure()
    {
        await using var rig = await Rig.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Verticals:planning-investment:Password"] = "wrong",
        });

        var outcome = await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal((DeliveryResult.Failed, FailureClass.Authentication, "AUTH-001"), (outcome.Result, outcome.FailureClass, outcome.ErrorCode));
        Assert.Equal(0, rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Count);
    }
}
