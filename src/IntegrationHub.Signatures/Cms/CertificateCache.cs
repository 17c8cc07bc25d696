using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// Parsed certificates by the SHA-256 of their DER. The same signer and CA certificates arrive in thousands of
/// files; parsing each once keeps verification near the raw RSA rate. Bounded: cleared when it grows too big.
/// Certificates handed out are shared: callers must not dispose them.
/// </summary>
public static class CertificateCache
{
    private const int MaxEntries = 20_000;
    private static readonly ConcurrentDictionary<Key, X509Certificate2> Entries = new();
    private static int _added;

    public static X509Certificate2 Get(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(der, hash);
        var key = new Key(BitConverter.ToInt64(hash), BitConverter.ToInt64(hash[8..]), BitConverter.ToInt64(hash[16..]), BitConverter.ToInt64(hash[24..]));
        if (Entries.TryGetValue(key, out var cached)) return cached;
        var certificate = X509CertificateLoader.LoadCertificate(der);
        // A rough count of our own: ConcurrentDictionary.Count takes every lock, and its first call builds the
        // collection's EventSource by reflection (~10 ms of a `hub verify` process).
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            Entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        return Entries.GetOrAdd(key, certificate);
    }

    private readonly record struct Key(long A, long B, long C, long D);
}
