using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// Gathers what a signature needs embedded to be validated later offline (B-LT): for each target (the signer, each
/// timestamp's TSA) the path to a trust anchor, and for each certificate of it but the anchor one revocation answer:
/// a supplied OCSP response, a supplied CRL, the AIA responder, a distribution point CRL, in that order. A certificate
/// found revoked, or with no answer at all, is an error that names it.
/// </summary>
public sealed class ValidationDataCollector(TrustStore trust, ValidationDataSources sources, TimeProvider time)
{
    /// <param name="carried">Certificates the file carries (to build paths with).</param>
    /// <param name="carriedRevocation">CRLs and OCSP responses the file already carries: an answer found there is used
    /// first and not fetched again, so augmenting twice adds nothing.</param>
    public async Task<ValidationData> CollectAsync(
        IReadOnlyList<X509Certificate2> targets, IReadOnlyList<X509Certificate2> carried, CancellationToken cancellationToken = default,
        (IReadOnlyList<byte[]> Crls, IReadOnlyList<byte[]> OcspResponses)? carriedRevocation = null)
    {
        var carriedCrls = ParseCrls(carriedRevocation?.Crls ?? []);
        var carriedOcsp = carriedRevocation?.OcspResponses ?? [];
        var anchors = trust.Anchors.Select(CertificatePathValidator.ToBc).ToList();
        var pool = carried.Concat(sources.Certificates).Select(CertificatePathValidator.ToBc).ToList();
        var suppliedCrls = ParseCrls(sources.Crls);
        var certificates = new List<X509Certificate2>();
        var crls = new List<byte[]>();
        var ocsp = new List<byte[]>();
        var done = new HashSet<string>(StringComparer.Ordinal);

        foreach (var target in targets)
        {
            var path = new PathBuilder(anchors, pool).Build(CertificatePathValidator.ToBc(target)).FirstOrDefault()
                       ?? throw new ValidationDataException($"No path from '{target.Subject}' to a trust anchor: the validation data cannot be gathered.");
            foreach (var certificate in path)
                if (done.Add(Key(certificate))) certificates.Add(CertificatePathValidator.ToDotNet(certificate));
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (!done.Add("revocation:" + Key(path[i]))) continue;
                var (crl, response) = await RevocationAsync(path[i], path[i + 1], carriedCrls, carriedOcsp, suppliedCrls, cancellationToken);
                if (crl is not null && !crls.Any(c => c.AsSpan().SequenceEqual(crl))) crls.Add(crl);
                if (response is not null) ocsp.Add(response);
            }
        }
        return new ValidationData(certificates, crls, ocsp);
    }

    /// <summary>
    /// A carried answer still current now is used as it is; a stale one (a B-LT renewed to B-LTA months later) is
    /// replaced by a fresh answer, so the archive timestamp covers data the later validation times can use. When no
    /// fresh answer can be had, the stale one stays: it still speaks of the signature's time.
    /// </summary>
    private async Task<(byte[]? Crl, byte[]? Ocsp)> RevocationAsync(
        BcCertificate certificate, BcCertificate issuer, List<(BcCrl Crl, byte[] Der)> carriedCrls, IReadOnlyList<byte[]> carriedOcsp,
        List<(BcCrl Crl, byte[] Der)> suppliedCrls, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var carried = PkixPathCheck.WithoutMillerRabin(() => Carried(certificate, issuer, carriedCrls, carriedOcsp, now));
        if (carried is { Current: true } current) return (current.Crl, current.Ocsp);
        if (carried is not { } stale) return await RevocationOfAsync(certificate, issuer, suppliedCrls, cancellationToken);
        try { return await RevocationOfAsync(certificate, issuer, suppliedCrls, cancellationToken); }
        catch (ValidationDataException e) when (!e.Revoked) { return (stale.Crl, stale.Ocsp); }
    }

    private async Task<(byte[]? Crl, byte[]? Ocsp)> RevocationOfAsync(
        BcCertificate certificate, BcCertificate issuer, List<(BcCrl Crl, byte[] Der)> suppliedCrls, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = Key(certificate) + "/" + Key(issuer);
        if (sources.Answers.Find(key, now) is { } known) return known;
        var (answer, until) = await DecideAsync(certificate, issuer, suppliedCrls, now, cancellationToken);
        sources.Answers.Add(key, answer, until);
        return answer;
    }

    /// <summary>One answer and how long it may be reused (its nextUpdate).</summary>
    private async Task<((byte[]? Crl, byte[]? Ocsp), DateTimeOffset? Until)> DecideAsync(
        BcCertificate certificate, BcCertificate issuer, List<(BcCrl Crl, byte[] Der)> suppliedCrls, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var der in sources.OcspResponses)
        {
            try
            {
                var status = PkixPathCheck.WithoutMillerRabin(() => OcspResponseChecker.Check(der, certificate, issuer, now, sources.Options, null, "supplied OCSP response"));
                if (Decide(status, certificate)) return ((null, der), status.NextUpdate);
            }
            catch (InvalidDataException) { /* about another certificate, or stale */ }
        }
        if (PkixPathCheck.WithoutMillerRabin(() => FromCrls(certificate, issuer, suppliedCrls, now)) is { } supplied) return ((supplied.Der, null), supplied.NextUpdate);

        if (sources.Ocsp is not null && OcspClient.ResponderUrls(certificate).Count > 0)
        {
            try
            {
                var (status, der) = await sources.Ocsp.FetchAsync(certificate, issuer, cancellationToken);
                if (Decide(status, certificate)) return ((null, der), status.NextUpdate);
                problems.Add("the OCSP responder does not know it");
            }
            catch (Exception e) when (PathRevocationChecker.IsSourceFailure(e)) { problems.Add($"OCSP: {e.Message}"); }
        }
        if (sources.CrlDownloads is not null)
        {
            foreach (var url in CrlDownloader.DistributionPointUrls(certificate))
            {
                try
                {
                    var der = await sources.CrlDownloads.GetAsync(url, cancellationToken);
                    var crl = new X509CrlParser().ReadCrl(der) ?? throw new InvalidDataException("no CRL");
                    if (PkixPathCheck.WithoutMillerRabin(() => FromCrls(certificate, issuer, [(crl, der)], now)) is { } downloaded) return ((downloaded.Der, null), downloaded.NextUpdate);
                    problems.Add($"CRL {url} is not the issuer's or is stale");
                }
                catch (Exception e) when (PathRevocationChecker.IsSourceFailure(e)) { problems.Add($"CRL {url}: {e.Message}"); }
            }
        }
        var why = problems.Count > 0 ? string.Join("; ", problems)
            : sources.Ocsp is null && sources.CrlDownloads is null ? "none was supplied and the network is not allowed" : "it names no OCSP responder or CRL distribution point";
        throw new ValidationDataException($"No revocation data for '{certificate.SubjectDN}': {why}.");
    }

    /// <summary>
    /// An answer the file already carries: an OCSP response about the certificate or a CRL of its issuer, judged without
    /// freshness (it was fresh when embedded; it speaks of the signature's time); Current says whether
    /// it is still current <paramref name="now"/> (no nextUpdate: taken as current). Revoked still refuses.
    /// </summary>
    private (byte[]? Crl, byte[]? Ocsp, bool Current)? Carried(
        BcCertificate certificate, BcCertificate issuer, List<(BcCrl Crl, byte[] Der)> crls, IReadOnlyList<byte[]> ocsp, DateTimeOffset now)
    {
        (byte[]? Crl, byte[]? Ocsp, bool Current)? found = null;
        foreach (var der in ocsp)
        {
            try
            {
                var status = OcspResponseChecker.Check(der, certificate, issuer, null, sources.Options, null, "carried OCSP response");
                if (!Decide(status, certificate)) continue;
                var current = status.NextUpdate is not { } next || now < next;
                if (current) return (null, der, true);
                found ??= (null, der, false);
            }
            catch (InvalidDataException) { /* about another certificate */ }
        }
        foreach (var (crl, der) in crls)
        {
            if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, true)) continue;
            if (CrlLookup.Find(certificate, issuer, [crl]) is { } entry && entry.Reason != "removeFromCRL")
                throw new ValidationDataException($"'{certificate.SubjectDN}' is revoked since {entry.RevokedAt:O} (carried CRL).", revoked: true);
            if (!CrlLookup.SignedBy(crl, issuer)) continue;
            var current = crl.NextUpdate is not { } next || now.UtcDateTime < next;
            if (current) return (der, null, true);
            found ??= (der, null, false);
        }
        return found;
    }

    /// <summary>True for "good"; throws for "revoked" (augmenting a revoked signer's signature would embed its own refutation).</summary>
    private static bool Decide(RevocationStatus status, BcCertificate certificate) => status.Status switch
    {
        CertificateStatus.Good => true,
        CertificateStatus.Revoked => throw new ValidationDataException(
            $"'{certificate.SubjectDN}' is revoked since {status.RevokedAt:O}{(status.Reason is null ? "" : $" ({status.Reason})")} ({status.Source}).", revoked: true),
        _ => false,
    };

    /// <summary>A current CRL of the issuer, signed by it, on which the certificate is not listed.</summary>
    private static (byte[] Der, DateTimeOffset NextUpdate)? FromCrls(BcCertificate certificate, BcCertificate issuer, List<(BcCrl Crl, byte[] Der)> crls, DateTimeOffset now)
    {
        foreach (var (crl, der) in crls)
        {
            if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, true) || crl.NextUpdate is not { } next || now.UtcDateTime > next) continue;
            if (CrlLookup.Find(certificate, issuer, [crl]) is { } entry && entry.Reason != "removeFromCRL")
                throw new ValidationDataException($"'{certificate.SubjectDN}' is revoked since {entry.RevokedAt:O}{(entry.Reason is null ? "" : $" ({entry.Reason})")} (CRL).", revoked: true);
            if (CrlLookup.SignedBy(crl, issuer)) return (der, new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)));
        }
        return null;
    }

    private static List<(BcCrl, byte[])> ParseCrls(IReadOnlyList<byte[]> ders)
    {
        var result = new List<(BcCrl, byte[])>();
        foreach (var der in ders)
        {
            try { if (new X509CrlParser().ReadCrl(der) is { } crl) result.Add((crl, der)); }
            catch (Exception e) when (PathRevocationChecker.IsSourceFailure(e)) { /* an unreadable file gives no answer */ }
        }
        return result;
    }

    private static string Key(BcCertificate certificate) => Convert.ToHexString(certificate.GetSignature());
}
