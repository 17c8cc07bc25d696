namespace IntegrationHub.Core.Ports;

/// <summary>
/// The outbox: messages to deliver to vertical systems, written in the same transaction as what caused them,
/// delivered at least once under the stable key (dossier code, message id). Nothing is deleted to make a retry pass.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Adds a message outside a dossier write (e.g. a re-sync); an existing message id is left as is (returns false).</summary>
    Task<bool> EnqueueAsync(string dossierCode, OutboxMessage message, CancellationToken ct = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> pending or retrying rows due by now and leases them for <paramref name="lease"/>
    /// (their next attempt moves to now + lease), so two nodes do not take the same row at once.
    /// </summary>
    Task<IReadOnlyList<Delivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken ct = default);

    Task<Delivery?> GetDeliveryAsync(long id, CancellationToken ct = default);

    /// <summary>The rows with these ids that exist, in id order (one query for a batch job).</summary>
    Task<IReadOnlyList<Delivery>> GetDeliveriesAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>Marks a row delivered (attempts + 1), recording this node as delivered_by.</summary>
    Task MarkDeliveredAsync(long id, CancellationToken ct = default);

    /// <summary>Marks several rows delivered in one transaction (each audited, as one at a time would be).</summary>
    Task MarkDeliveredAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>Adds several messages in one transaction; existing message ids are left as they are. Returns how many were new.</summary>
    Task<int> EnqueueAsync(IReadOnlyCollection<(string DossierCode, OutboxMessage Message)> messages, CancellationToken ct = default);

    /// <summary>
    /// Adds several messages in one transaction, already leased to the caller for <paramref name="lease"/>: the caller
    /// delivers them now instead of waiting for the dispatcher, and if it dies they come back when the lease runs out.
    /// Returns the new rows; existing message ids are left as they are and not returned.
    /// </summary>
    Task<IReadOnlyList<Delivery>> EnqueueLeasedAsync(IReadOnlyCollection<(string DossierCode, OutboxMessage Message)> messages, TimeSpan lease, CancellationToken ct = default);

    /// <summary>Records a failed attempt (attempts + 1) and when to try again; state becomes Retrying.</summary>
    Task MarkFailedAsync(long id, string error, string errorClass, DateTimeOffset nextAttemptAt, CancellationToken ct = default);

    /// <summary>Gives up on a row (attempts + 1): state becomes Dead, kept for an admin to replay.</summary>
    Task MarkDeadAsync(long id, string error, string errorClass, CancellationToken ct = default);

    /// <summary>Admin replay: a Dead or Retrying row becomes Pending, due now; audited. False when there is no such row or it was delivered.</summary>
    Task<bool> RequeueAsync(long id, string actor, CancellationToken ct = default);

    /// <summary>Admin bulk replay: <see cref="RequeueAsync"/> for many rows in one statement and transaction (each audited). Returns how many changed.</summary>
    Task<int> RequeueManyAsync(IReadOnlyCollection<long> ids, string actor, CancellationToken ct = default);

    Task<DeliveryPage> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct = default);

    /// <summary>How many rows are in each state (states with none are present with 0).</summary>
    Task<IReadOnlyDictionary<DeliveryState, long>> CountByStateAsync(CancellationToken ct = default);
}

/// <summary>A message to a vertical system; <see cref="MessageId"/> is the idempotency key the receiver may use.</summary>
public sealed record OutboxMessage(string MessageId, string VerticalSystem, string Payload);

public enum DeliveryState { Pending, Retrying, Delivered, Dead }

public sealed record Delivery(
    long Id,
    string DossierCode,
    string VerticalSystem,
    string MessageId,
    string Payload,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    string? ErrorClass,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeliveredAt,
    string? DeliveredBy = null);

/// <summary>Filters for the admin list; null means any. Newest first; <see cref="Limit"/> is capped at 500.</summary>
public sealed record DeliveryQuery(
    DeliveryState? State = null,
    string? VerticalSystem = null,
    string? DossierCode = null,
    string? ErrorClass = null,
    int Offset = 0,
    int Limit = 50);

public sealed record DeliveryPage(IReadOnlyList<Delivery> Items, long Total, int Offset, int Limit);
