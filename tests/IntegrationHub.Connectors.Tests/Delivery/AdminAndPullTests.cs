using System.Collections.Concurrent;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Connectors.Tests.Delivery;

public sealed class AdminAndPullTests
{
    [Fact]
    public async Task Bulk_retry_by_filter_requeues_only_matching_dead_letters_and_audits_the_reason()
    {
        await using var rig = await DeliveryRig.StartAsync(o => o.Faults[SimulatedSystems.Trade] = new FaultOptions { RefuseAll = true });
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add(await rig.SubmitAsync("2.000633", "000.00.19.H47", VerticalSystems.Trade));
        foreach (var c in codes)
            await rig.RunUntilSettledAsync(c, r => r.Any(x => x.VerticalSystem == VerticalSystems.Trade && x.State == DeliveryState.Dead));
        var admin = rig.Rig.Get<DeliveryAdmin>();

        var page = await admin.ListAsync(new DeliveryFilter(DeliveryState.Dead, VerticalSystems.Trade, null, ErrorClasses.Validation), 1, 2, default);
        rig.Sim(SimulatedSystems.Trade).Faults.Options = new FaultOptions();
        var requeued = await admin.BulkRetryAsync(new DeliveryFilter(DeliveryState.Dead, VerticalSystems.Trade, null, null), "ministry fixed its procedure table", "admin-1", default);
        foreach (var c in codes) await rig.RunUntilSettledAsync(c, r => r.All(x => x.State == DeliveryState.Delivered));

        Assert.Equal((3L, 2), (page.Total, page.Items.Count));
        Assert.Equal(3, requeued);
        Assert.Equal(3, rig.Sim(SimulatedSystems.Trade).Ledger.Count);
        var entries = await rig.Store.ListEntriesAsync(limit: 1000);
        Assert.Contains(entries, e => e.Action == "delivery.bulk-retry" && e.Actor == "admin-1" && e.Details!.Contains("ministry fixed its procedure table"));
        var sync = await admin.NationalSyncAsync(default);
        Assert.Equal((3L, 0L), (sync.Synced, sync.NotSynced));
    }

    [Fact]
    public async Task Status_pull_job_hands_changed_planning_investment_statuses_to_the_hub()
    {
        var sink = new RecordingSink();
        await using var rig = await DeliveryRig.StartAsync(o => o.StatusStepInterval = TimeSpan.FromMinutes(10));
        var code = await rig.SubmitAsync();
        await rig.RunUntilSettledAsync(code, r => r.Count == 2 && r.All(x => x.State == DeliveryState.Delivered));
        var job = new StatusPullJob(rig.Store, rig.Store, rig.Rig.Get<ConnectorCatalog>(), sink, NullLogger<StatusPullJob>.Instance);

        await job.RunAsync(default);

        var (system, pulledCode, status) = Assert.Single(sink.Applied);
        Assert.Equal((VerticalSystems.PlanningInvestment, code), (system, pulledCode));
        Assert.Equal(("TIEP_NHAN", 2), (status.SystemStatus, status.NationalStatus));   // the dossier is still 1 (registered) in the hub
    }

    private sealed class RecordingSink : IPulledStatusSink
    {
        public ConcurrentQueue<(string, string, PulledStatus)> Applied { get; } = new();

        public Task ApplyAsync(string system, string dossierCode, PulledStatus status, CancellationToken ct)
        {
            Applied.Enqueue((system, dossierCode, status));
            return Task.CompletedTask;
        }
    }
}
