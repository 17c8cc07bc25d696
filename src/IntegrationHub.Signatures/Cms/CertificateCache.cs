using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// Parsed certificates by their DER. The same signer and CA certificates arrive in thousands of files; parsing each
/// once keeps verification near the raw RSA rate. Bounded: cleared when it grows too big.
/// Certificates handed out are shared: callers must not dispose them.
/// </summary>
public static class CertificateCache
{
    private const int MaxEntries = 20_000;
    private static readonly ConcurrentDictionary<byte[], X509Certificate2> Entries = new(DerComparer.Instance);
    // Looks up by the span itself: no copy of the DER and no SHA-256 per certificate (that hash was ~10 % of a CMS verify).
    private static readonly ConcurrentDictionary<byte[], X509Certificate2>.AlternateLookup<ReadOnlySpan<byte>> BySpan =
        Entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    private static int _added;

    public static X509Certificate2 Get(ReadOnlySpan<byte> der)
    {
        if (BySpan.TryGetValue(der, out var cached)) return cached;
        var certificate = X509CertificateLoader.LoadCertificate(der);
        // A rough count of our own: ConcurrentDictionary.Count takes every lock, and its first call builds the
        // collection's EventSource by reflection (~10 ms of a `hub verify` process).
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            Entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        return Entries.GetOrAdd(der.ToArray(), certificate);
    }

    /// <summary>
    /// Equal means the same bytes (compared in full, so a hash collision can never hand out another certificate);
    /// the hash is the runtime's per-process randomized one, so crafted certificates cannot flood one bucket.
    /// </summary>
    private sealed class DerComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly DerComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);
        public int GetHashCode([DisallowNull] byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }
    }
}
