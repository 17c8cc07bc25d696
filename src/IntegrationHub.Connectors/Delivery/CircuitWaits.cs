using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Resilience;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace IntegrationHub.Connectors.Delivery;

/// <summary>
/// Outbox rows a job did not send because their system's circuit was open, held in this process until the breaker
/// lets a probe through (its RetryAfter) or the circuit closes. Without it such a row waited out its whole
/// Delivery:Lease: after a 10-minute outage the backlog took 145 s to drain instead of seconds.
/// The rows stay leased in the outbox, so nothing is lost if the process dies: their lease brings them back. A row is
/// remembered with its lease (its next_attempt_at when the job read it); the job that takes it up again sends it only
/// if that lease is still the row's, so a row the dispatcher has leased out anew in the meantime is never sent twice.
/// </summary>
public sealed class CircuitWaits(VerticalPipelines pipelines, IOptionsMonitor<VerticalOptions> verticals, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SystemWaits> _systems = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A row held back and the lease it was read under (the end of the lease, Unix ms).</summary>
    public readonly record struct Waiting(long Id, long LeaseEndMs);

    private sealed class SystemWaits
    {
        public DateTimeOffset ProbeAt;
        public readonly Dictionary<long, long> Rows = [];
    }

    /// <summary>Rows held back, all systems (for tests and the log).</summary>
    public int Count
    {
        get { lock (_lock) return _systems.Values.Sum(s => s.Rows.Count); }
    }

    /// <summary>
    /// Holds a refused row until the breaker lets a probe through: <paramref name="retryAfter"/> from now, or the
    /// system's BreakDuration when the breaker gave none (half-open with a probe in flight, or isolated by hand).
    /// </summary>
    public void Add(string system, long id, DateTimeOffset leaseEnd, TimeSpan? retryAfter)
    {
        var probeAt = time.GetUtcNow() + (retryAfter is { } r && r > TimeSpan.Zero ? r : verticals.Get(system).BreakDuration);
        lock (_lock)
        {
            if (!_systems.TryGetValue(system, out var waits)) _systems[system] = waits = new SystemWaits { ProbeAt = probeAt };
            // The latest refusal knows the breaker's current state best (a failed probe opened it again).
            waits.ProbeAt = probeAt;
            waits.Rows[id] = leaseEnd.ToUnixTimeMilliseconds();
        }
    }

    /// <summary>
    /// The rows to send again now, at most <paramref name="limit"/>: all of a system whose circuit is closed again;
    /// one probe batch (<paramref name="probeBatch"/>) of a system whose probe time has come while its circuit is still
    /// open (the breaker only notices its break is over on the next call). Rows whose lease has run out are dropped:
    /// the dispatcher leases them out again like any due row.
    /// </summary>
    public IReadOnlyList<(string System, IReadOnlyList<Waiting> Rows)> TakeDue(int probeBatch, int limit)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var taken = new List<(string, IReadOnlyList<Waiting>)>();
        lock (_lock)
        {
            foreach (var (system, waits) in _systems)
            {
                foreach (var expired in waits.Rows.Where(r => r.Value <= nowMs).Select(r => r.Key).ToList()) waits.Rows.Remove(expired);
                if (waits.Rows.Count == 0 || limit <= 0) continue;
                var closed = pipelines.StateOf(system) == CircuitState.Closed;
                if (!closed && now < waits.ProbeAt) continue;
                var count = Math.Min(limit, closed ? waits.Rows.Count : Math.Max(1, probeBatch));
                var rows = waits.Rows.OrderBy(r => r.Key).Take(count).Select(r => new Waiting(r.Key, r.Value)).ToList();
                foreach (var row in rows) waits.Rows.Remove(row.Id);
                // While the probe batch is out, no second one: its refusals (or the circuit closing) decide what is next.
                if (!closed) waits.ProbeAt = now + verticals.Get(system).BreakDuration;
                limit -= rows.Count;
                taken.Add((system, rows));
            }
        }
        return taken;
    }
}
