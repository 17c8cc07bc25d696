using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace IntegrationHub.Connectors.Tests.Delivery;

/// <summary>Delivery:JobBatchSize rows per Hangfire job, BatchParallelism calls at once, each row with its own outcome.</summary>
public sealed class BatchJobTests
{
    /// <summary>
    /// The jobs one dispatch made, counted once their rows are done and no job is queued or running. Counting while
    /// the server works raced: a job between the queue and the Processing state is in neither count (CI saw 1 job
    /// instead of 2). Nothing dispatches meanwhile, so no later job is counted.
    /// </summary>
    private static async Task<long> JobsMadeAsync(DeliveryRig rig, Func<IReadOnlyDictionary<DeliveryState, long>, bool> rowsDone)
    {
        var m = rig.Jobs.GetMonitoringApi();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against hanging, not a timing assertion
        while (!rowsDone(await rig.Store.CountByStateAsync()) || m.EnqueuedCount("default") + m.ProcessingCount() > 0)
            await Task.Delay(50, guard.Token);
        return m.SucceededListCount() + m.FailedCount();
    }

    private static async Task SettleAsync(DeliveryRig rig, Func<IReadOnlyDictionary<DeliveryState, long>, bool> done)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against hanging, not a timing assertion
        while (!done(await rig.Store.CountByStateAsync()))
        {
            await rig.Dispatcher.DispatchOnceAsync();
            await Task.Delay(50, guard.Token);
        }
    }

    [Fact]
    public async Task Thirty_rows_go_out_in_two_jobs_of_at_most_25_and_each_is_delivered_once()
    {
        await using var rig = await DeliveryRig.StartAsync(settings: new Dictionary<string, string?> { ["Delivery:JobBatchSize"] = "25" });
        var codes = new List<string>();
        for (var i = 0; i < 30; i++) codes.Add(await rig.SubmitAsync());

        Assert.Equal(30, await rig.Dispatcher.DispatchOnceAsync());
        Assert.Equal(2, await JobsMadeAsync(rig, c => c.GetValueOrDefault(DeliveryState.Delivered) >= 30));
        await SettleAsync(rig, c => c[DeliveryState.Delivered] == 60);

        var planning = rig.Sim(SimulatedSystems.PlanningInvestment).Ledger;
        var national = rig.Sim(SimulatedSystems.NationalPortal).Ledger;
        Assert.All(codes, c => Assert.True(planning.Contains($"{c}:submit")));
        Assert.All(codes, c => Assert.True(national.Contains($"{c}:np-dossier-0")));
        Assert.Equal((30, 0L), (planning.Count, planning.Duplicates));
        Assert.Equal(0L, national.Duplicates);
        // Each delivery is audited, as a single-row job would do.
        foreach (var code in codes)
            Assert.Equal(2, (await rig.Store.ListEntriesAsync(code)).Count(e => e.Action == "delivery.delivered"));
        Assert.True((await rig.Store.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task One_refused_row_goes_dead_while_the_others_of_its_batch_are_delivered()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.Trade] = new FaultOptions { RefuseAll = true });
        var good1 = await rig.SubmitAsync();
        var refused = await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade);
        var good2 = await rig.SubmitAsync();

        Assert.Equal(3, await rig.Dispatcher.DispatchOnceAsync());
        Assert.Equal(1, await JobsMadeAsync(rig, c => c.GetValueOrDefault(DeliveryState.Delivered) >= 2 && c.GetValueOrDefault(DeliveryState.Dead) >= 1));
        var rows = await rig.RunUntilSettledAsync(refused, r => r.Any(x => x.State == DeliveryState.Dead));

        Assert.Equal("validation", rows.Single(r => r.VerticalSystem == VerticalSystems.Trade).ErrorClass);
        foreach (var code in new[] { good1, good2 })
        {
            var own = await rig.RunUntilSettledAsync(code, r => r.Count == 2 && r.All(x => x.State == DeliveryState.Delivered));
            Assert.Equal(1, own.First().Attempts);
        }
    }

    [Fact]
    public async Task A_stale_batch_calls_nobody_for_rows_already_delivered()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var code = await rig.SubmitAsync();
        await rig.RunUntilSettledAsync(code, r => r.Count == 2 && r.All(x => x.State == DeliveryState.Delivered));
        var ids = (await rig.RowsAsync(code)).Select(r => r.Id).ToArray();
        var before = rig.Sim(SimulatedSystems.PlanningInvestment).Stats().Requests;

        // A job that ran late (e.g. handed out again after its lease ran out while the first one succeeded).
        await rig.Rig.Get<DeliveryJob>().RunBatchAsync(ids, CancellationToken.None);

        Assert.Equal(before, rig.Sim(SimulatedSystems.PlanningInvestment).Stats().Requests);
        Assert.All(await rig.RowsAsync(code), r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task Job_batch_size_1_makes_one_job_per_row()
    {
        await using var rig = await DeliveryRig.StartAsync(settings: new Dictionary<string, string?> { ["Delivery:JobBatchSize"] = "1" });
        for (var i = 0; i < 3; i++) await rig.SubmitAsync();
        Assert.Equal(3, await rig.Dispatcher.DispatchOnceAsync());
        Assert.Equal(3, await JobsMadeAsync(rig, c => c.GetValueOrDefault(DeliveryState.Delivered) >= 3));
        await SettleAsync(rig, c => c[DeliveryState.Delivered] == 6);
    }
}
