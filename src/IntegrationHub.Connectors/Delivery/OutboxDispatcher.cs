using Hangfire;
using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// Turns due outbox rows into Hangfire jobs. It runs at start (so rows committed before a crash and never
/// enqueued are picked up) and then every PollInterval. Claiming leases a row, so two nodes sharing one
/// database never hand out the same row at once. Rows held back while their circuit was open (<see cref="CircuitWaits"/>)
/// go out first, as soon as the breaker lets calls through.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox, IBackgroundJobClient jobs, CircuitWaits waits, IOptions<DeliveryOptions> options, TimeProvider time,
    ILogger<OutboxDispatcher> log, JobStorage? storage = null) : BackgroundService
{
    /// <summary>One pass: send held-back rows whose circuit lets calls through, claim what is due and enqueue a job per JobBatchSize rows. Returns how many rows were handed out.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var total = ReleaseWaiting(o);
        while (!ct.IsCancellationRequested)
        {
            // A claimed row is leased: claiming more than the workers finish within the lease would hand rows out
            // twice. While MaxQueuedJobs wait in Hangfire's queue, the rest stays in the outbox for the next poll.
            if (QueueRoom(o) <= 0) break;
            var due = await outbox.ClaimDueAsync(o.BatchSize, o.Lease, ct);
            // Long-term rows go to their own job (augmentation, not a delivery); everything else to the connectors.
            foreach (var batch in due.Where(d => d.VerticalSystem == LongTermTarget.Name).Select(d => d.Id).Chunk(Math.Max(1, o.JobBatchSize)))
                jobs.Enqueue<ILongTermWork>(j => j.RunBatchAsync(batch, CancellationToken.None));
            foreach (var batch in due.Where(d => d.VerticalSystem != LongTermTarget.Name).Select(d => d.Id).Chunk(Math.Max(1, o.JobBatchSize)))
            {
                if (batch.Length == 1) jobs.Enqueue<DeliveryJob>(j => j.RunAsync(batch[0], CancellationToken.None));
                else jobs.Enqueue<DeliveryJob>(j => j.RunBatchAsync(batch, CancellationToken.None));
            }
            total += due.Count;
            if (due.Count < o.BatchSize) break;
        }
        return total;
    }

    /// <summary>Jobs that may still be queued before MaxQueuedJobs (unbounded without Hangfire's storage at hand).</summary>
    private long QueueRoom(DeliveryOptions o) => storage is null ? long.MaxValue : o.MaxQueuedJobs - storage.GetMonitoringApi().EnqueuedCount("default");

    /// <summary>Enqueues the held-back rows that may go now, within the queue's room (the rest wait for the next poll).</summary>
    private int ReleaseWaiting(DeliveryOptions o)
    {
        if (waits.Count == 0) return 0;
        var batchSize = Math.Max(1, o.JobBatchSize);
        var room = QueueRoom(o);
        if (room <= 0) return 0;
        var released = 0;
        var limit = room >= int.MaxValue / batchSize ? int.MaxValue : (int)room * batchSize;
        foreach (var (system, rows) in waits.TakeDue(batchSize, limit))
        {
            foreach (var batch in rows.Chunk(batchSize))
            {
                var ids = batch.Select(r => r.Id).ToArray();
                var leases = batch.Select(r => r.LeaseEndMs).ToArray();
                jobs.Enqueue<DeliveryJob>(j => j.RunWaitedAsync(ids, leases, CancellationToken.None));
            }
            log.LogInformation("Circuit of {System} lets calls through; {Count} held-back deliveries sent again", system, rows.Count);
            released += rows.Count;
        }
        return released;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try { await DispatchOnceAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not stop dispatching; unsent rows stay in the outbox.
                log.LogError(ex, "Outbox dispatch failed; retrying at the next poll");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
