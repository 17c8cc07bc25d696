using System.Collections.Concurrent;

namespace IntegrationHub.Simulators.Recording;

/// <summary>One message a simulated system accepted, by idempotency key.</summary>
public sealed record ReceivedMessage(string IdempotencyKey, string DossierCode, string Operation, string Body, DateTimeOffset At);

/// <summary>What a simulated system received: first copies by idempotency key, and how many repeats it dropped.</summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, ReceivedMessage> _byKey = new(StringComparer.Ordinal);
    private long _duplicates;
    private long _requests;

    /// <summary>Records a message; false when its key was seen before (the repeat is counted and dropped).</summary>
    public bool TryRecord(ReceivedMessage message, out ReceivedMessage first)
    {
        Interlocked.Increment(ref _requests);
        first = _byKey.GetOrAdd(message.IdempotencyKey, message);
        if (ReferenceEquals(first, message)) return true;
        Interlocked.Increment(ref _duplicates);
        return false;
    }

    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Requests => Interlocked.Read(ref _requests);
    public int Count => _byKey.Count;
    public IReadOnlyCollection<ReceivedMessage> Messages => _byKey.Values.ToList();
    public bool Contains(string idempotencyKey) => _byKey.ContainsKey(idempotencyKey);

    public LedgerStats Stats() => new(Count, Duplicates, Requests);
}

public sealed record LedgerStats(int Received, long Duplicates, long Requests);
