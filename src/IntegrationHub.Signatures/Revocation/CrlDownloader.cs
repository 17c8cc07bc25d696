using System.Collections.Concurrent;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>
/// Fetches CRLs from CRL distribution points over HTTP and keeps each by URL until its nextUpdate, so a
/// busy hub asks a CA once per CRL period, not once per signature.
/// </summary>
public sealed class CrlDownloader(HttpClient http, TimeProvider time, RevocationOptions options)
{
    private readonly ConcurrentDictionary<string, (byte[] Der, DateTimeOffset NextUpdate)> _cache = new();

    /// <summary>How many times the network was actually asked (for tests and metrics).</summary>
    public int Downloads => _downloads;
    private int _downloads;

    /// <summary>The CRL at <paramref name="url"/> (DER), from the cache while it is fresh.</summary>
    public async Task<byte[]> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(url, out var cached) && now < cached.NextUpdate) return cached.Der;

        Interlocked.Increment(ref _downloads);
        var bytes = await HttpFetch.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, url), options, cancellationToken);
        var der = Trust.CertificateFiles.DecodeCrls(bytes).FirstOrDefault()
                  ?? throw new InvalidDataException($"{url} did not answer a CRL");
        X509Crl crl;
        try { crl = new X509CrlParser().ReadCrl(der); }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            throw new InvalidDataException($"{url} did not answer a valid CRL: {e.Message}");
        }
        // Without nextUpdate the CRL is not cached: the CA promised nothing about its next issue.
        if (crl.NextUpdate is { } next) _cache[url] = (der, new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)));
        return der;
    }

    /// <summary>The http(s) URLs of a certificate's CRL distribution points (LDAP and others are ignored).</summary>
    public static IReadOnlyList<string> DistributionPointUrls(BcCertificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        if (value is null) return [];
        try
        {
            var points = CrlDistPoint.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).GetDistributionPoints();
            return points
                .Select(p => p.DistributionPointName)
                .Where(n => n is not null && n.Type == DistributionPointName.FullName)
                .SelectMany(n => GeneralNames.GetInstance(n.Name).GetNames())
                .Where(g => g.TagNo == GeneralName.UniformResourceIdentifier)
                .Select(g => DerIA5String.GetInstance(g.Name).GetString())
                .Where(HttpFetch.IsHttpUrl)
                .Distinct()
                .ToList();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return [];
        }
    }
}
