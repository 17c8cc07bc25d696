using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Connectors.Tests.Delivery;

public sealed class DeliveryJobTests
{
    private static bool NoneInFlight(IReadOnlyList<Core.Ports.Delivery> rows, int expected) =>
        rows.Count == expected && rows.All(r => r.State is DeliveryState.Delivered or DeliveryState.Dead);

    [Fact]
    public async Task Outbox_row_is_delivered_by_a_Hangfire_job_and_the_dossier_synced_to_the_national_portal()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var code = await rig.SubmitAsync();

        var rows = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.All(rows, r => Assert.Equal(DeliveryState.Delivered, r.State));
        Assert.Equal([VerticalSystems.PlanningInvestment, VerticalSystems.NationalPortal], rows.Select(r => r.VerticalSystem));
        Assert.True(rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Contains($"{code}:submit"));
        Assert.True(rig.Sim(SimulatedSystems.NationalPortal).Ledger.Contains($"{code}:np-dossier-0"));
    }

    [Fact]
    public async Task Permanent_refusal_goes_to_dead_letters_at_once_with_its_class()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.Trade] = new FaultOptions { RefuseAll = true });
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);

        var rows = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.Trade && x.State == DeliveryState.Dead));

        var dead = rows.Single(r => r.VerticalSystem == VerticalSystems.Trade);
        Assert.Equal((1, "validation"), (dead.Attempts, dead.ErrorClass));
        Assert.Contains("VALIDATION_REJECTED", dead.LastError);
    }

    [Fact]
    public async Task Ministry_down_then_up_the_delivery_waits_with_growing_delays_and_resumes()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.Justice] = new FaultOptions { Down = true },
            settings: new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "5", ["Verticals:justice:BreakerMinimumThroughput"] = "100" });
        var code = await rig.SubmitAsync("1.001193", "000.30.20.H47", VerticalSystems.Justice);

        var first = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.Justice && x.State == DeliveryState.Retrying));
        var afterFirst = first.Single(r => r.VerticalSystem == VerticalSystems.Justice);
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await rig.RunUntilSettledAsync(code, r => r.Single(x => x.VerticalSystem == VerticalSystems.Justice).Attempts == 2);
        var afterSecond = second.Single(r => r.VerticalSystem == VerticalSystems.Justice);

        Assert.Equal(TimeSpan.FromMinutes(1), afterFirst.NextAttemptAt - afterFirst.UpdatedAt);
        Assert.Equal(TimeSpan.FromMinutes(10), afterSecond.NextAttemptAt - afterSecond.UpdatedAt);
        Assert.Equal("transient", afterSecond.ErrorClass);

        rig.Sim(SimulatedSystems.Justice).Faults.Options = new FaultOptions();   // the ministry is back
        rig.Time.Advance(TimeSpan.FromMinutes(10));
        var rows = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.All(rows, r => Assert.Equal(DeliveryState.Delivered, r.State));
        Assert.Equal(1, rig.Sim(SimulatedSystems.Justice).Ledger.Count);
    }

    [Fact]
    public async Task After_the_last_attempt_the_delivery_is_a_dead_letter_with_the_last_error()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.PlanningInvestment] = new FaultOptions { Down = true },
            settings: new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "2", ["Verticals:planning-investment:BreakerMinimumThroughput"] = "100" });
        var code = await rig.SubmitAsync();

        await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.PlanningInvestment && x.State == DeliveryState.Retrying));
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        var rows = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.PlanningInvestment && x.State == DeliveryState.Dead));

        var dead = rows.Single(r => r.VerticalSystem == VerticalSystems.PlanningInvestment);
        Assert.Equal((2, "transient"), (dead.Attempts, dead.ErrorClass));
        Assert.Contains("SYS-001", dead.LastError);
    }

    [Fact]
    public async Task Replay_from_dead_letter_delivers_once()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.Trade] = new FaultOptions { RefuseAll = true });
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);
        var rows = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.Trade && x.State == DeliveryState.Dead));
        var dead = rows.Single(r => r.VerticalSystem == VerticalSystems.Trade);

        rig.Sim(SimulatedSystems.Trade).Faults.Options = new FaultOptions();
        Assert.True(await rig.Store.RequeueAsync(dead.Id, "admin-test"));
        var after = await rig.RunUntilSettledAsync(code, r => r.Single(x => x.Id == dead.Id).State == DeliveryState.Delivered);

        Assert.Equal(1, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
        Assert.Equal(0, rig.Sim(SimulatedSystems.Trade).Ledger.Duplicates);
        Assert.Equal(2, after.Single(x => x.Id == dead.Id).Attempts);
    }

    [Fact]
    public async Task While_the_circuit_is_open_jobs_wait_without_spending_attempts()
    {
        await using var rig = await DeliveryRig.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Verticals:trade:BreakDuration"] = "00:05:00",
        });
        await rig.Rig.Get<IntegrationHub.Connectors.Resilience.VerticalPipelines>().IsolateAsync(VerticalSystems.Trade);   // held open, e.g. maintenance
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);

        // The national-portal row appearing shows the job ran; the trade row is still leased and untouched.
        var rows = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.NationalPortal && x.State == DeliveryState.Delivered));
        var waiting = rows.Single(r => r.VerticalSystem == VerticalSystems.Trade);
        Assert.Equal((DeliveryState.Pending, 0), (waiting.State, waiting.Attempts));
        Assert.Equal(0, rig.Sim(SimulatedSystems.Trade).Faults.Calls);

        await rig.Rig.Get<IntegrationHub.Connectors.Resilience.VerticalPipelines>().CloseAsync(VerticalSystems.Trade);
        rig.Time.Advance(TimeSpan.FromMinutes(2));   // the lease runs out
        var after = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.Equal((DeliveryState.Delivered, 1), (after.Single(r => r.Id == waiting.Id).State, after.Single(r => r.Id == waiting.Id).Attempts));
    }

    private static readonly Dictionary<string, string?> QuickBreaker = new()
    {
        ["Verticals:trade:BreakerMinimumThroughput"] = "2",
        ["Verticals:trade:BreakerFailureRatio"] = "0.5",
        ["Verticals:trade:BreakDuration"] = "00:00:30",
        ["Delivery:MaxAttempts"] = "10",
    };

    /// <summary>Submits a trade dossier and runs jobs until its trade row was refused by the open circuit (national-portal row delivered).</summary>
    private static async Task<Core.Ports.Delivery> SubmitRefusedByTheCircuitAsync(DeliveryRig rig, string code)
    {
        var rows = await rig.RunUntilSettledAsync(code, r => r.Any(x => x.VerticalSystem == VerticalSystems.NationalPortal && x.State == DeliveryState.Delivered));
        var waiting = rows.Single(r => r.VerticalSystem == VerticalSystems.Trade);
        Assert.Equal((DeliveryState.Pending, 0), (waiting.State, waiting.Attempts));
        Assert.Equal(1, rig.Rig.Get<CircuitWaits>().Count);
        return waiting;
    }

    [Fact]
    public async Task A_row_refused_by_an_open_circuit_is_sent_when_the_breaker_lets_a_probe_through_not_a_lease_later()
    {
        await using var rig = await DeliveryRig.StartAsync(settings: QuickBreaker);
        var trade = rig.Sim(SimulatedSystems.Trade);
        trade.Faults.Options = new FaultOptions { Down = true };
        for (var i = 0; i < 2; i++) await rig.Rig.Connector(VerticalSystems.Trade).DeliverAsync(TestDossiers.Message(), default);   // opens the circuit for 30 s
        trade.Faults.Options = new FaultOptions();   // back at once, but the breaker does not know it yet
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);
        var waiting = await SubmitRefusedByTheCircuitAsync(rig, code);

        rig.Time.Advance(TimeSpan.FromSeconds(30));   // the break is over; the row's 2-minute lease is not
        var rows = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.Equal((DeliveryState.Delivered, 1), (rows.Single(r => r.Id == waiting.Id).State, rows.Single(r => r.Id == waiting.Id).Attempts));
        Assert.True(rig.Time.GetUtcNow() < waiting.NextAttemptAt, "sent before its lease ran out");
        Assert.Equal((1, 0L), (trade.Ledger.Count, trade.Ledger.Duplicates));
        Assert.Equal(0, rig.Rig.Get<CircuitWaits>().Count);
    }

    [Fact]
    public async Task Rows_held_by_an_open_circuit_go_out_as_soon_as_it_closes()
    {
        await using var rig = await DeliveryRig.StartAsync(settings: new Dictionary<string, string?> { ["Verticals:trade:BreakDuration"] = "00:05:00" });
        var pipelines = rig.Rig.Get<IntegrationHub.Connectors.Resilience.VerticalPipelines>();
        await pipelines.IsolateAsync(VerticalSystems.Trade);   // held open by hand: no RetryAfter
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);
        var waiting = await SubmitRefusedByTheCircuitAsync(rig, code);

        await pipelines.CloseAsync(VerticalSystems.Trade);   // no time passes: neither the break nor the lease is over
        var rows = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.Equal(DeliveryState.Delivered, rows.Single(r => r.Id == waiting.Id).State);
        Assert.Equal(1, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
    }

    [Fact]
    public async Task A_held_row_leased_out_anew_meanwhile_is_left_to_its_new_lease()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var code = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);
        var first = Assert.Single(await rig.Store.ClaimDueAsync(10, TimeSpan.FromMinutes(2)));
        rig.Time.Advance(TimeSpan.FromMinutes(2));
        var second = Assert.Single(await rig.Store.ClaimDueAsync(10, TimeSpan.FromMinutes(2)));   // the lease ran out: another job owns it
        var job = rig.Rig.Get<DeliveryJob>();

        await job.RunWaitedAsync([first.Id], [first.NextAttemptAt.ToUnixTimeMilliseconds()], default);
        Assert.Equal(0, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
        Assert.Equal(DeliveryState.Pending, (await rig.Store.GetDeliveryAsync(first.Id))!.State);

        await job.RunWaitedAsync([second.Id], [second.NextAttemptAt.ToUnixTimeMilliseconds()], default);
        Assert.Equal(DeliveryState.Delivered, (await rig.Store.GetDeliveryAsync(first.Id))!.State);
        Assert.Equal(1, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
    }

    [Fact]
    public async Task Rows_committed_but_never_enqueued_are_picked_up_by_the_dispatcher_at_start()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var codes = new List<string>();
        for (var i = 0; i < 5; i++) codes.Add(await rig.SubmitAsync());   // "crash" before any enqueue: nothing dispatched yet

        foreach (var code in codes) await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.Equal(5, rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Count);
        Assert.Equal(0, rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Duplicates);
    }

    [Fact]
    public async Task A_delivery_lost_after_the_ministry_answered_is_redelivered_as_a_harmless_duplicate()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var code = await rig.SubmitAsync();
        // The job ran and the ministry recorded it, but the hub "died" before recording: simulate by claiming the
        // row, delivering directly, and never marking it; the lease then runs out.
        var claimed = Assert.Single(await rig.Store.ClaimDueAsync(10, TimeSpan.FromMinutes(2)));
        await rig.Rig.Connector(VerticalSystems.PlanningInvestment).DeliverAsync(TestDossiers.Message(code), default);

        rig.Time.Advance(TimeSpan.FromMinutes(2));
        var rows = await rig.RunUntilSettledAsync(code, r => NoneInFlight(r, 2));

        Assert.Equal(DeliveryState.Delivered, rows.Single(r => r.Id == claimed.Id).State);
        Assert.Equal((1, 1L), (rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Count, rig.Sim(SimulatedSystems.PlanningInvestment).Ledger.Duplicates));
    }
}
