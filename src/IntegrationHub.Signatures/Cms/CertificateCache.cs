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

    public static X509Certificate2 Get(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(der, hash);
        var key = new Key(BitConverter.ToInt64(hash), BitConverter.ToInt64(hash[8..]), BitConverter.ToInt64(hash[16..]), BitConverter.ToInt64(hash[24..]));
        if (Entries.TryGetValue(key, out var cached)) return cached;
        var certificate = X509CertificateLoader.LoadCertificate(der);
        if (Entries.Count >= MaxEntries) Entries.Clear();
        return Entries.GetOrAdd(key, certificate);
    }

    private readonly record struct Key(long A, long B, long C, long D);
}
