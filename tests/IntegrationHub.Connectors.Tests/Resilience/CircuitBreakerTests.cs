using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace IntegrationHub.Connectors.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private static readonly Dictionary<string, string?> Breaker = new()
    {
        ["Verticals:justice:MaxRetryAttempts"] = "0",
        ["Verticals:justice:BreakerMinimumThroughput"] = "3",
        ["Verticals:justice:BreakerFailureRatio"] = "0.5",
        ["Verticals:justice:BreakDuration"] = "00:01:00",
    };

    [Fact]
    public async Task Circuit_opens_after_failures_stops_calling_then_closes_when_the_system_is_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o => o.Faults[SimulatedSystems.Justice] = new FaultOptions { Down = true },
            settings: Breaker, connectorTime: time);
        var connector = rig.Connector(VerticalSystems.Justice);
        var pipelines = rig.Get<VerticalPipelines>();
        var sim = rig.Sim(SimulatedSystems.Justice);

        for (var i = 0; i < 3; i++) await connector.DeliverAsync(TestDossiers.Message(), default);
        var whileOpen = await connector.DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(CircuitState.Open, pipelines.StateOf(VerticalSystems.Justice));
        Assert.Equal(DeliveryResult.CircuitOpen, whileOpen.Result);
        Assert.Equal(3, sim.Faults.Calls);                  // the open circuit did not call

        sim.Faults.Options = new FaultOptions();             // the ministry is back
        time.Advance(TimeSpan.FromMinutes(1));
        var afterBreak = await connector.DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(DeliveryResult.Delivered, afterBreak.Result);
        Assert.Equal(CircuitState.Closed, pipelines.StateOf(VerticalSystems.Justice));
        Assert.Equal(CircuitState.Closed, pipelines.States()[VerticalSystems.Trade]);
    }

    [Fact]
    public async Task A_failed_trial_after_the_break_opens_the_circuit_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o => o.Faults[SimulatedSystems.Justice] = new FaultOptions { Down = true },
            settings: Breaker, connectorTime: time);
        var connector = rig.Connector(VerticalSystems.Justice);
        for (var i = 0; i < 3; i++) await connector.DeliverAsync(TestDossiers.Message(), default);

        time.Advance(TimeSpan.FromMinutes(1));
        var trial = await connector.DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(DeliveryResult.Failed, trial.Result);
        Assert.Equal(CircuitState.Open, rig.Get<VerticalPipelines>().StateOf(VerticalSystems.Justice));
    }

    [Fact]
    public async Task Circuits_are_per_system()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        await using var rig = await Rig.StartAsync(o => o.Faults[SimulatedSystems.Justice] = new FaultOptions { Down = true },
            settings: Breaker, connectorTime: time);
        for (var i = 0; i < 3; i++) await rig.Connector(VerticalSystems.Justice).DeliverAsync(TestDossiers.Message(), default);

        var other = await rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(DeliveryResult.Delivered, other.Result);
    }
}
