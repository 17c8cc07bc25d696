using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Connectors.Tests.Resilience;

public sealed class TransientFaultTests
{
    [Theory]
    [InlineData(VerticalSystems.PlanningInvestment)]
    [InlineData(VerticalSystems.Justice)]
    [InlineData(VerticalSystems.Trade)]
    [InlineData(VerticalSystems.NationalPortal)]
    public async Task Under_30_percent_transient_faults_every_dossier_is_delivered_once(string system)
    {
        await using var rig = await Rig.StartAsync(
            o => o.Faults[system] = new FaultOptions { ErrorRate = 0.3 },
            settings: new Dictionary<string, string?>
            {
                [$"Verticals:{system}:MaxRetryAttempts"] = "8",
                [$"Verticals:{system}:BreakerFailureRatio"] = "0.95",
            });
        var messages = Enumerable.Range(0, 40).Select(_ => TestDossiers.Message()).ToList();

        var outcomes = new List<DeliveryOutcome>();
        foreach (var m in messages) outcomes.Add(await rig.Connector(system).DeliverAsync(m, default));

        Assert.All(outcomes, o => Assert.Equal(DeliveryResult.Delivered, o.Result));
        var sim = rig.Sim(system);
        Assert.Equal(40, sim.Ledger.Count);
        Assert.Equal(0, sim.Ledger.Duplicates);
        Assert.True(sim.Faults.Calls > 40, $"faults were injected: {sim.Faults.Calls} calls for 40 dossiers");
    }

    [Fact]
    public async Task A_transient_failure_that_outlasts_the_quick_retries_is_reported_transient()
    {
        await using var rig = await Rig.StartAsync(o => o.Faults[SimulatedSystems.Justice] = new FaultOptions { Down = true },
            settings: new Dictionary<string, string?> { ["Verticals:justice:MaxRetryAttempts"] = "2" });

        var outcome = await rig.Connector(VerticalSystems.Justice).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal((DeliveryResult.Failed, FailureClass.Transient, false), (outcome.Result, outcome.FailureClass, outcome.IsPermanent));
        Assert.Equal(3, rig.Sim(SimulatedSystems.Justice).Faults.Calls);
    }

    [Theory]
    [InlineData(VerticalSystems.PlanningInvestment, "VAL-002")]
    [InlineData(VerticalSystems.Justice, "422")]
    [InlineData(VerticalSystems.Trade, "VALIDATION_REJECTED")]
    [InlineData(VerticalSystems.NationalPortal, "1")]
    public async Task A_permanent_refusal_is_not_retried(string system, string code)
    {
        await using var rig = await Rig.StartAsync(o => o.Faults[system] = new FaultOptions { RefuseProcedures = ["1.001612"] });

        var outcome = await rig.Connector(system).DeliverAsync(TestDossiers.Message(procedure: "1.001612"), default);

        Assert.Equal((DeliveryResult.Failed, FailureClass.Validation, code), (outcome.Result, outcome.FailureClass, outcome.ErrorCode));
        Assert.True(outcome.IsPermanent);
        var calls = rig.Sim(system).Faults.Calls - (system == VerticalSystems.Trade ? 1 : 0);   // trade's token request
        Assert.Equal(1, calls);
        Assert.Equal(0, rig.Sim(system).Ledger.Count);
    }

    [Fact]
    public async Task Error_table_in_configuration_changes_the_failure_class()
    {
        await using var rig = await Rig.StartAsync(o => o.Faults[SimulatedSystems.PlanningInvestment] = new FaultOptions { RefuseAll = true },
            settings: new Dictionary<string, string?>
            {
                ["Verticals:planning-investment:ErrorMap:VAL-002"] = "transient",
                ["Verticals:planning-investment:MaxRetryAttempts"] = "1",
            });

        var outcome = await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(FailureClass.Transient, outcome.FailureClass);
        Assert.Equal(2, rig.Sim(SimulatedSystems.PlanningInvestment).Faults.Calls);
    }
}
