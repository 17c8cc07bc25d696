using IntegrationHub.Signatures.Trust;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Revocation;

public enum RevocationVerdict { NotChecked, Good, Revoked, Undetermined }

/// <summary>Revocation of a whole path: the first certificate found revoked or undetermined, by position (0 = target).</summary>
public sealed record PathRevocationResult(
    RevocationVerdict Verdict, int Index, DateTimeOffset? RevokedAt, string? Reason, string? Message,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Decides the revocation status of every certificate of a path except the anchor. OCSP answers first
/// (carried in the signature, then the AIA responder when enabled); then CRLs (files, carried, downloaded from
/// distribution points when enabled) through RFC 5280 CRL processing (<see cref="CrlCheck"/>), at the validation
/// time only: never the machine's clock.
/// </summary>
internal sealed class PathRevocationChecker(
    RevocationOptions options, OcspClient? ocspClient, CrlDownloader? crlDownloader)
{
    /// <param name="checkTimeUtc">The time the status is wanted at.</param>
    /// <param name="laterTimeUtc">
    /// A later time (now, or the path's last valid instant) to retry CRLs at when none was current at
    /// <paramref name="checkTimeUtc"/>: a CRL issued after the time still tells whether, and since when, a
    /// certificate is revoked, which is what validating an old signature with today's CRLs needs.
    /// </param>
    public async Task<PathRevocationResult> CheckAsync(
        IReadOnlyList<BcCertificate> path, DateTime checkTimeUtc, DateTime laterTimeUtc, IReadOnlyList<BcCertificate> known,
        List<BcCrl> crls, IReadOnlyList<byte[]> carriedOcsp, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var count = path.Count - 1;
        var ocsp = new RevocationStatus?[count];
        var problems = new string?[count];

        for (var i = 0; i < count; i++)
        {
            ocsp[i] = FromCarried(path[i], path[i + 1], carriedOcsp);
            if (ocsp[i] is null && ocspClient is not null && OcspClient.ResponderUrls(path[i]).Count > 0)
            {
                try { ocsp[i] = await ocspClient.CheckAsync(path[i], path[i + 1], cancellationToken); }
                catch (Exception e) when (IsSourceFailure(e))
                {
                    problems[i] = $"OCSP: {e.Message}";
                    warnings.Add($"{Subject(path[i])}: OCSP gave no usable answer: {e.Message}");
                }
            }
            if (ocsp[i] is { Status: CertificateStatus.Revoked } revoked)
                return new(RevocationVerdict.Revoked, i, revoked.RevokedAt, revoked.Reason, revoked.Source, warnings);
            if (ocsp[i] is { Status: CertificateStatus.Unknown } unknown)
            {
                problems[i] = $"{unknown.Source} does not know the certificate";
                ocsp[i] = null;
            }
        }

        if (crlDownloader is not null)
        {
            for (var i = 0; i < count; i++)
            {
                if (ocsp[i] is not null) continue;
                foreach (var url in CrlDownloader.DistributionPointUrls(path[i]))
                {
                    try
                    {
                        var der = await crlDownloader.GetAsync(url, cancellationToken);
                        crls.Add(new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(der) ?? throw new InvalidDataException("no CRL"));
                    }
                    catch (Exception e) when (IsSourceFailure(e))
                    {
                        problems[i] ??= $"CRL {url}: {e.Message}";
                        warnings.Add($"{Subject(path[i])}: CRL {url} unavailable: {e.Message}");
                    }
                }
            }
        }

        var result = RunCrls(path, checkTimeUtc, known, crls, ocsp, problems, warnings);
        if (result.Verdict == RevocationVerdict.Undetermined && laterTimeUtc > checkTimeUtc)
        {
            var later = RunCrls(path, laterTimeUtc, known, crls, ocsp, problems, warnings);
            if (later.Verdict != RevocationVerdict.Undetermined) result = later;
        }
        if (result.Verdict != RevocationVerdict.Good) return result;

        // Good at the check time; a revocation after it still matters when that time is only claimed.
        // Entries dated before it were already weighed by the CRL processing (e.g. a hold a delta CRL lifted).
        var checkTime = new DateTimeOffset(checkTimeUtc, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            if (CrlLookup.Find(path[i], path[i + 1], crls) is { } later && later.RevokedAt > checkTime
                && later.Reason != "removeFromCRL")
                return new(RevocationVerdict.Revoked, i, later.RevokedAt, later.Reason, "CRL", warnings);
        }
        return result;
    }

    /// <summary>
    /// CRLs for every certificate, from the anchor down (the first one found wanting is reported): a revocation counts
    /// even where OCSP said good; an undecided certificate counts only where OCSP gave no answer.
    /// </summary>
    private static PathRevocationResult RunCrls(
        IReadOnlyList<BcCertificate> path, DateTime checkTimeUtc, IReadOnlyList<BcCertificate> known,
        List<BcCrl> crls, RevocationStatus?[] ocsp, string?[] problems, List<string> warnings)
    {
        var check = new CrlCheck(known, crls);
        for (var i = path.Count - 2; i >= 0; i--)
        {
            if (crls.Count == 0)
            {
                if (ocsp[i] is null) return Undetermined(path, i, problems[i] ?? "no CRL or OCSP response covers it", warnings);
                continue;
            }
            var status = check.Check(path, i, checkTimeUtc);
            if (status.Verdict == RevocationVerdict.Revoked)
                return new(RevocationVerdict.Revoked, i, status.RevokedAt, status.Reason, status.Message, warnings);
            if (status.Verdict == RevocationVerdict.Undetermined && ocsp[i] is null)
                return Undetermined(path, i, problems[i] is { } p ? $"{p}; {status.Message}" : status.Message!, warnings);
        }
        return new(RevocationVerdict.Good, -1, null, null, null, warnings);
    }

    private RevocationStatus? FromCarried(BcCertificate certificate, BcCertificate issuer, IReadOnlyList<byte[]> carried)
    {
        foreach (var response in carried)
        {
            try { return OcspResponseChecker.Check(response, certificate, issuer, null, options, null, "carried OCSP response"); }
            catch (InvalidDataException) { /* not about this certificate, or not believable */ }
        }
        return null;
    }

    private static PathRevocationResult Undetermined(IReadOnlyList<BcCertificate> path, int index, string message, List<string> warnings) =>
        new(RevocationVerdict.Undetermined, index, null, null, $"{Subject(path[index])}: revocation status unknown: {message}", warnings);

    internal static bool IsSourceFailure(Exception e) =>
        e is HttpRequestException or InvalidDataException or TaskCanceledException or OperationCanceledException
            or IOException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Ocsp.OcspException;

    private static string Subject(BcCertificate certificate) => certificate.SubjectDN.ToString();
}
