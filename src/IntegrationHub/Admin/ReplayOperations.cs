using System.Collections.Concurrent;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Admin;

/// <summary>
/// Bulk replays of dead letters started from the admin console. The matching rows are read first (through the
/// deliveries API's filter), then requeued one by one in the background, so the page can show progress.
/// <para>
/// Progress lives in memory on the node that started the replay: another node answers 404 for its id and a
/// restart forgets it. Only the progress is lost that way, never the work: each requeue is written to the
/// outbox and audited by the store as it happens, and the reason is in the audit log before the 202.
/// </para>
/// </summary>
public sealed class ReplayOperations(
    IServiceScopeFactory scopes, IAuditLog audit, IOutboxStore outbox, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<ReplayOperations> log)
{
    /// <summary>Finished operations beyond this many are forgotten, oldest first.</summary>
    public const int Kept = 100;

    private readonly ConcurrentDictionary<string, ReplayOperation> _operations = new(StringComparer.Ordinal);

    /// <summary>Records the reason in the audit log, then requeues in the background; returns at once.</summary>
    public async Task<ReplayOperation> StartAsync(DeliveryFilter filter, string reason, string actor, CancellationToken ct)
    {
        var op = new ReplayOperation(Guid.NewGuid().ToString("N"), filter with { State = DeliveryState.Dead }, reason, actor, time.GetUtcNow());
        await audit.AppendAsync(new AuditRecord(actor, "delivery.replay.started",
            $"replay {op.Id}; reason: {reason}; filter: {op.Filter}"), subject: null, ct);
        Forget();
        _operations[op.Id] = op;
        _ = Task.Run(() => RunAsync(op, lifetime.ApplicationStopping), CancellationToken.None);
        return op;
    }

    public ReplayOperation? Find(string id) => _operations.GetValueOrDefault(id);

    /// <summary>
    /// Looks up the requeued rows not known to be delivered yet (one indexed read each; a delivered row never
    /// goes back), so "drained" is what the queue holds now.
    /// </summary>
    public async Task<ReplayProgress> ProgressAsync(ReplayOperation op, CancellationToken ct)
    {
        var failedAgain = 0;
        foreach (var id in op.Unsettled())
        {
            var row = await outbox.GetDeliveryAsync(id, ct);
            if (row?.State == DeliveryState.Delivered) op.MarkDrained(id);
            else if (row?.State == DeliveryState.Dead) failedAgain++;
        }
        return op.Snapshot(failedAgain);
    }

    private async Task RunAsync(ReplayOperation op, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<DeliveryAdmin>();
            // Read every matching id before changing anything, so paging does not skip rows that stop matching.
            var ids = new List<long>();
            for (var page = 1; ids.Count < DeliveryAdmin.MaxBulk; page++)
            {
                var found = await admin.ListAsync(op.Filter, page, 500, ct);
                ids.AddRange(found.Items.Select(d => d.Id));
                if (found.Items.Count < 500) break;
            }
            op.SetTotal(Math.Min(ids.Count, DeliveryAdmin.MaxBulk));
            foreach (var id in ids.Take(DeliveryAdmin.MaxBulk))
            {
                // False: no longer dead (delivered, or replayed by someone else meanwhile).
                if (await admin.RetryAsync(id, op.Actor, ct)) op.AddRequeued(id);
                else op.AddSkipped();
            }
            var done = op.Finish(time.GetUtcNow(), error: null);
            await audit.AppendAsync(new AuditRecord(op.Actor, "delivery.replay.finished",
                $"replay {op.Id}; matched: {done.Total}; requeued: {done.Requeued}; skipped: {done.Skipped}"), subject: null, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Replay {Id} stopped", op.Id);
            op.Finish(time.GetUtcNow(), ex is OperationCanceledException ? "stopped: the hub is shutting down" : ex.Message);
        }
    }

    private void Forget()
    {
        if (_operations.Count < Kept) return;
        foreach (var old in _operations.Values.Where(o => o.IsFinished).OrderBy(o => o.StartedAt).Take(_operations.Count - Kept + 1))
            _operations.TryRemove(old.Id, out _);
    }
}

/// <summary>One bulk replay; its counters change while it runs (guarded by a lock).</summary>
public sealed class ReplayOperation(string id, DeliveryFilter filter, string reason, string actor, DateTimeOffset startedAt)
{
    private readonly Lock _lock = new();
    private readonly HashSet<long> _unsettled = [];
    private int? _total;
    private int _requeued, _skipped, _drained;
    private DateTimeOffset? _finishedAt;
    private string? _error;

    public string Id { get; } = id;
    public DeliveryFilter Filter { get; } = filter;
    public string Reason { get; } = reason;
    public string Actor { get; } = actor;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public bool IsFinished { get { lock (_lock) return _finishedAt is not null; } }

    internal void SetTotal(int total) { lock (_lock) _total = total; }
    internal void AddRequeued(long id) { lock (_lock) { _requeued++; _unsettled.Add(id); } }
    internal void AddSkipped() { lock (_lock) _skipped++; }
    internal void MarkDrained(long id) { lock (_lock) if (_unsettled.Remove(id)) _drained++; }
    internal long[] Unsettled() { lock (_lock) return [.. _unsettled]; }

    internal ReplayProgress Finish(DateTimeOffset at, string? error)
    {
        lock (_lock) { _finishedAt = at; _error = error; }
        return Snapshot(0);
    }

    internal ReplayProgress Snapshot(int failedAgain)
    {
        lock (_lock)
        {
            return new ReplayProgress(Id, Reason, Actor, new ReplayFilterView(Filter.System, Filter.Dossier, Filter.ErrorClass),
                _total, _requeued, _skipped, _drained, failedAgain, Math.Max(0, _requeued - _drained - failedAgain),
                _finishedAt is not null, StartedAt, _finishedAt, _error);
        }
    }
}

/// <summary>
/// A replay's progress: <c>total</c> dead letters matched (null while they are being read), <c>requeued</c> and
/// <c>skipped</c> (no longer dead when reached) so far, and of the requeued rows how many are <c>drained</c>
/// (delivered now), <c>failedAgain</c> (dead again) and <c>waiting</c> (still in the queue). <c>done</c>: every
/// matched row has been requeued or skipped.
/// </summary>
public sealed record ReplayProgress(
    string Id, string Reason, string Actor, ReplayFilterView Filter, int? Total, int Requeued, int Skipped,
    int Drained, int FailedAgain, int Waiting, bool Done, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record ReplayFilterView(string? System, string? Dossier, string? ErrorClass);
