using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// Path validation results per (path validator, target, validation minute, extra certificates, revocation data).
/// Path building and revocation dominate verification time; the same signer recurs across many files.
/// Bounded: cleared when full. Results for "now" are reused within the same minute only.
/// </summary>
internal sealed class PathCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, PathValidationResult> _entries = new();
    private int _added;

    public PathValidationResult Validate(ICertificatePathValidator validator, X509Certificate2 target, PathValidationRequest request)
    {
        var key = Key(validator, target, request);
        if (_entries.TryGetValue(key, out var cached)) return cached;
        var result = validator.Validate(target, request);
        // TRY_LATER means a responder did not answer: ask again next time.
        if (result.SubIndication == SubIndication.TryLater) return result;
        // A rough count of our own, as in CertificateCache: ConcurrentDictionary.Count takes every lock and its first
        // call builds an EventSource by reflection, a visible share of a short `hub verify` process.
        if (Interlocked.Increment(ref _added) > MaxEntries)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        _entries[key] = result;
        return result;
    }

    private static string Key(ICertificatePathValidator validator, X509Certificate2 target, PathValidationRequest request)
    {
        var key = new StringBuilder(256);
        key.Append(RuntimeHelpers.GetHashCode(validator)).Append('|')
            .Append(CertificateFacts.Of(target).Sha256Hex).Append('|')
            .Append(request.At.UtcTicks / TimeSpan.TicksPerMinute).Append('|')
            .Append(request.AtIsProofOfExistence).Append('|')
            .Append(request.RequiredKeyUsage).Append('|');
        foreach (var c in request.ExtraCertificates) key.Append(CertificateFacts.Of(c).Sha256Hex.AsSpan(0, 16)).Append(',');
        key.Append('|');
        foreach (var crl in request.CarriedCrls) AppendDigest(key, crl);
        key.Append('|');
        foreach (var ocsp in request.CarriedOcspResponses) AppendDigest(key, ocsp);
        return key.ToString();
    }

    private static void AppendDigest(StringBuilder key, byte[] data)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(data, hash);
        key.Append(Convert.ToHexString(hash[..12])).Append(',');
    }
}

/// <summary>A path validator answered through a <see cref="PathCache"/>: timestamp tokens of the same TSA recur in every file.</summary>
internal sealed class CachedPathValidator(ICertificatePathValidator inner, PathCache cache) : ICertificatePathValidator
{
    public PathValidationResult Validate(X509Certificate2 target, PathValidationRequest request) => cache.Validate(inner, target, request);
}
