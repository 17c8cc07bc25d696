using IntegrationHub.Connectors.Resilience;
using IntegrationHub.Core.Ports;
using Polly.CircuitBreaker;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>What the admin API needs: filtered pages, replay one or many (audited with a reason), circuits, counts.</summary>
public sealed class DeliveryAdmin(IOutboxStore outbox, IAuditLog audit, VerticalPipelines pipelines)
{
    public const int PageSize = 50;
    /// <summary>At most this many rows per bulk replay; a larger backlog takes several calls.</summary>
    public const int MaxBulk = 100_000;

    public Task<DeliveryPage> ListAsync(DeliveryFilter filter, int page, int pageSize, CancellationToken ct) =>
        outbox.ListDeliveriesAsync(filter.ToQuery(Math.Max(0, page - 1) * Math.Clamp(pageSize, 1, 500), Math.Clamp(pageSize, 1, 500)), ct);

    /// <summary>Replays one dead or retrying delivery now; false when there is no such row or it was delivered.</summary>
    public Task<bool> RetryAsync(long id, string actor, CancellationToken ct) => outbox.RequeueAsync(id, actor, ct);

    /// <summary>
    /// Replays every dead or retrying delivery matching the filter. The ids are read first (paged, not changed
    /// while reading), then requeued 500 rows per statement and transaction (each row audited by the store); one more audit entry keeps the
    /// reason, the filter and the count.
    /// </summary>
    public async Task<int> BulkRetryAsync(DeliveryFilter filter, string reason, string actor, CancellationToken ct)
    {
        var ids = new List<long>();
        for (var offset = 0; ids.Count < MaxBulk; offset += 500)
        {
            var page = await outbox.ListDeliveriesAsync(filter.ToQuery(offset, 500), ct);
            ids.AddRange(page.Items.Where(d => d.State is DeliveryState.Dead or DeliveryState.Retrying).Select(d => d.Id));
            if (page.Items.Count < 500) break;
        }
        var requeued = 0;
        foreach (var chunk in ids.Take(MaxBulk).Chunk(500))
            requeued += await outbox.RequeueManyAsync(chunk, actor, ct);
        await audit.AppendAsync(new AuditRecord(actor, "delivery.bulk-retry",
            $"reason: {reason}; filter: {filter}; requeued: {requeued}"), subject: null, ct);
        return requeued;
    }

    public IReadOnlyDictionary<string, CircuitState> Circuits() => pipelines.States();

    public Task<IReadOnlyDictionary<DeliveryState, long>> CountsAsync(CancellationToken ct) => outbox.CountByStateAsync(ct);

    /// <summary>National-portal sync (scored by Decision 766): synced rows, and rows not synced yet or given up.</summary>
    public async Task<SyncCounts> NationalSyncAsync(CancellationToken ct)
    {
        async Task<long> Count(DeliveryState state) =>
            (await outbox.ListDeliveriesAsync(new DeliveryQuery(State: state, VerticalSystem: VerticalSystems.NationalPortal, Limit: 1), ct)).Total;
        var synced = await Count(DeliveryState.Delivered);
        var pending = await Count(DeliveryState.Pending) + await Count(DeliveryState.Retrying);
        var dead = await Count(DeliveryState.Dead);
        return new SyncCounts(synced, pending + dead, pending, dead);
    }
}

public sealed record SyncCounts(long Synced, long NotSynced, long Waiting, long Dead);

/// <summary>The admin filter; null means any.</summary>
public sealed record DeliveryFilter(DeliveryState? State, string? System, string? Dossier, string? ErrorClass)
{
    public DeliveryQuery ToQuery(int offset, int limit) => new(State, System, Dossier, ErrorClass, offset, limit);

    public override string ToString() =>
        $"state={State?.ToString() ?? "*"}, system={System ?? "*"}, dossier={Dossier ?? "*"}, errorClass={ErrorClass ?? "*"}";
}
