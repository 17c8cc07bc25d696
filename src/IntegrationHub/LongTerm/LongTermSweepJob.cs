using Hangfire;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.LongTerm;

/// <summary>
/// The recurring job (LongTerm:RenewalCron): queues a B-LTA renewal for every document whose RenewBefore falls within
/// LongTerm:RenewalMargin, and a B-LT task for every passed document without one (stored before the feature was
/// on), so the work is resumable. Queuing is idempotent (the message id), so two nodes or two runs write one row.
/// </summary>
public sealed class LongTermSweepJob(HubStore store, IOptions<LongTermOptions> options, TimeProvider time, ILogger<LongTermSweepJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Long-term sweep: renewals and passed documents without a task")]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var renewals = await store.FindRenewalsDueAsync(time.GetUtcNow() + o.RenewalMargin, o.SweepBatchSize, ct);
        var missing = await store.FindUnaugmentedAsync(o.SweepBatchSize, ct);
        var tasks = renewals.Select(r => (r.DossierCode, LongTermTasks.For(r.DossierCode, r.Position, r.Generation + 1)))
            .Concat(missing.Select(m => (m.DossierCode, LongTermTasks.For(m.DossierCode, m.Position, 0))))
            .ToList();
        var queued = await ((IOutboxStore)store).EnqueueAsync(tasks, ct);
        if (queued > 0) log.LogInformation("Long-term sweep queued {Queued} tasks ({Renewals} renewals due, {Missing} without a task)", queued, renewals.Count, missing.Count);
        return queued;
    }
}
