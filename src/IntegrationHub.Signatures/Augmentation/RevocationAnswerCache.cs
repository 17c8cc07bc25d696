namespace IntegrationHub.Signatures.Augmentation;

/// <summary>Revocation answers the collector decided, by certificate and issuer, each until its nextUpdate. Bounded.</summary>
public sealed class RevocationAnswerCache
{
    private const int MaxEntries = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ((byte[]? Crl, byte[]? Ocsp) Answer, DateTimeOffset Until)> _entries = new();
    private int _added;

    internal (byte[]? Crl, byte[]? Ocsp)? Find(string key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var entry) && now < entry.Until ? entry.Answer : null;

    internal void Add(string key, (byte[]? Crl, byte[]? Ocsp) answer, DateTimeOffset? until)
    {
        // An answer without nextUpdate promises nothing about tomorrow: it is not kept.
        if (until is not { } end) return;
        // A rough count of our own: ConcurrentDictionary.Count takes every lock (as in CertificateCache).
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        _entries[key] = (answer, end);
    }
}
