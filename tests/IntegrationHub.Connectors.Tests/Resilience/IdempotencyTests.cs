using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Connectors.Tests.Resilience;

public sealed class IdempotencyTests
{
    [Theory]
    [InlineData(VerticalSystems.PlanningInvestment)]
    [InlineData(VerticalSystems.Justice)]
    [InlineData(VerticalSystems.Trade)]
    [InlineData(VerticalSystems.NationalPortal)]
    public async Task A_repeated_message_is_dropped_by_its_idempotency_key_and_counted(string system)
    {
        await using var rig = await Rig.StartAsync();
        var message = TestDossiers.Message();

        var first = await rig.Connector(system).DeliverAsync(message, default);
        var again = await rig.Connector(system).DeliverAsync(message, default);

        Assert.Equal((DeliveryResult.Delivered, false), (first.Result, first.Duplicate));
        Assert.Equal((DeliveryResult.Delivered, true), (again.Result, again.Duplicate));
        Assert.Equal(first.Receipt, again.Receipt);
        Assert.Equal((1, 1L), (rig.Sim(system).Ledger.Count, rig.Sim(system).Ledger.Duplicates));
    }

    [Fact]
    public async Task Ministry_answered_but_the_hub_timed_out_so_the_retry_is_a_harmless_duplicate()
    {
        await using var rig = await Rig.StartAsync(
            o => o.Faults[SimulatedSystems.Trade] = new FaultOptions { HangNext = 1, HangFor = TimeSpan.FromSeconds(20) },
            settings: new Dictionary<string, string?> { ["Verticals:trade:AttemptTimeout"] = "00:00:00.500" });

        var outcome = await rig.Connector(VerticalSystems.Trade).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal((DeliveryResult.Delivered, true), (outcome.Result, outcome.Duplicate));
        Assert.Equal((1, 1L), (rig.Sim(SimulatedSystems.Trade).Ledger.Count, rig.Sim(SimulatedSystems.Trade).Ledger.Duplicates));
    }
}
