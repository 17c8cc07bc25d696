using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>
/// Asks the OCSP responder named in a certificate's Authority Information Access extension (RFC 6960),
/// with a fresh nonce, verifies the answer (<see cref="OcspResponseChecker"/>) and keeps it per certificate
/// until its nextUpdate.
/// </summary>
public sealed class OcspClient(HttpClient http, TimeProvider time, RevocationOptions options)
{
    private const string OcspAccessMethod = "1.3.6.1.5.5.7.48.1";
    private readonly ConcurrentDictionary<string, (RevocationStatus Status, byte[] Der)> _cache = new();

    /// <summary>How many requests actually went to a responder (for tests and metrics).</summary>
    public int Requests => _requests;
    private int _requests;

    public async Task<RevocationStatus> CheckAsync(
        BcCertificate certificate, BcCertificate issuer, CancellationToken cancellationToken = default) =>
        (await FetchAsync(certificate, issuer, cancellationToken)).Status;

    /// <summary>
    /// The status and the response itself (DER), which augmentation embeds in a signature (B-LT). The same cache:
    /// a gateway augmenting many signatures of one signer asks the responder once per response validity.
    /// </summary>
    public async Task<(RevocationStatus Status, byte[] Der)> FetchAsync(
        BcCertificate certificate, BcCertificate issuer, CancellationToken cancellationToken = default)
    {
        var url = ResponderUrls(certificate).FirstOrDefault()
                  ?? throw new InvalidDataException("the certificate names no OCSP responder (AIA)");
        var key = $"{Convert.ToHexString(SHA256.HashData(issuer.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetBytes()))}/{certificate.SerialNumber}";
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Status.NextUpdate is { } until && now < until) return cached;

        var nonce = RandomNumberGenerator.GetBytes(16);
        var request = BuildRequest(certificate, issuer, nonce);
        Interlocked.Increment(ref _requests);
        var body = await HttpFetch.SendAsync(
            http, HttpFetch.Post(url, request, "application/ocsp-request"), options, cancellationToken);
        var status = OcspResponseChecker.Check(body, certificate, issuer, time.GetUtcNow(), options, nonce, $"OCSP {url}");
        if (status.NextUpdate is not null) _cache[key] = (status, body);
        return (status, body);
    }

    internal static byte[] BuildRequest(BcCertificate certificate, BcCertificate issuer, byte[] nonce)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(
            new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance), issuer, certificate.SerialNumber));
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new DerOctetString(nonce));
        generator.SetRequestExtensions(extensions.Generate());
        return generator.Generate().GetEncoded();
    }

    /// <summary>The http(s) OCSP responder URLs of a certificate's AIA extension.</summary>
    public static IReadOnlyList<string> ResponderUrls(BcCertificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess);
        if (value is null) return [];
        try
        {
            return AuthorityInformationAccess.GetInstance(Asn1Object.FromByteArray(value.GetOctets()))
                .GetAccessDescriptions()
                .Where(d => d.AccessMethod.Id == OcspAccessMethod
                            && d.AccessLocation.TagNo == GeneralName.UniformResourceIdentifier)
                .Select(d => DerIA5String.GetInstance(d.AccessLocation.Name).GetString())
                .Where(HttpFetch.IsHttpUrl)
                .ToList();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return [];
        }
    }
}
