using Hangfire;
using IntegrationHub.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// Turns due outbox rows into Hangfire jobs. It runs at start (so rows committed before a crash and never
/// enqueued are picked up) and then every PollInterval. Claiming leases a row, so two nodes sharing one
/// database never hand out the same row at once.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox, IBackgroundJobClient jobs, IOptions<DeliveryOptions> options, TimeProvider time,
    ILogger<OutboxDispatcher> log, JobStorage? storage = null) : BackgroundService
{
    /// <summary>One pass: claim what is due and enqueue a job per JobBatchSize rows. Returns how many rows were handed out.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            // A claimed row is leased: claiming more than the workers finish within the lease would hand rows out
            // twice. While MaxQueuedJobs wait in Hangfire's queue, the rest stays in the outbox for the next poll.
            if (storage is not null && storage.GetMonitoringApi().EnqueuedCount("default") >= o.MaxQueuedJobs) break;
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
