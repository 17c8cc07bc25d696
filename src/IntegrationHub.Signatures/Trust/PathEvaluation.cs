using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Validation;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// Judges one candidate path, in the order EN 319 102-1's X.509 validation building block uses:
/// structure (signatures, constraints, policies), crypto policy, the target's key usage, then time and
/// revocation combined. Words chosen where the standard leaves room:
/// <list type="bullet">
/// <item>a broken signature in the chain: INDETERMINATE/CERTIFICATE_CHAIN_GENERAL_FAILURE; any other RFC 5280
/// constraint (basic constraints, CA key usage, name constraints, policies): INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE;</item>
/// <item>the target's key usage not allowing the use: INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE (as EU DSS's
/// certificate checks do);</item>
/// <item>not yet valid at the time: TOTAL_FAILED/NOT_YET_VALID (EN 319 102-1 lists NOT_YET_VALID under
/// TOTAL-FAILED: nobody signs with a certificate before it exists);</item>
/// <item>expired: INDETERMINATE/OUT_OF_BOUNDS_NOT_REVOKED when revocation data says it was not revoked,
/// INDETERMINATE/OUT_OF_BOUNDS_NO_POE otherwise;</item>
/// <item>revoked at or before the time: TOTAL_FAILED/REVOKED; revoked after a claimed (not proven) time:
/// INDETERMINATE/REVOKED_NO_POE (REVOKED_CA_NO_POE for a CA); revocation status unknown: INDETERMINATE/TRY_LATER.</item>
/// </list>
/// </summary>
internal sealed class PathEvaluation(
    PathValidationRequest request, IReadOnlyList<BcCertificate> known, List<BcCrl> crls,
    PathRevocationChecker? revocation, ICertificateAlgorithmPolicy? policy, DateTimeOffset now)
{
    public async Task<PathValidationResult> EvaluateAsync(
        IReadOnlyList<BcCertificate> path, IReadOnlyList<X509Certificate2> chain, CancellationToken cancellationToken)
    {
        var at = request.At.UtcDateTime;
        var errors = new List<string>();
        var warnings = new List<string>();
        PathValidationResult Result(string indication, string? sub, DateTimeOffset? revokedAt = null) =>
            new(indication, sub, chain, revokedAt, errors, warnings);

        var notYetValid = Enumerable.Range(0, path.Count - 1).Where(i => at < path[i].NotBefore).ToList();
        var expired = Enumerable.Range(0, path.Count - 1).Where(i => at > path[i].NotAfter).ToList();
        var checkTime = at;
        if (notYetValid.Count > 0 || expired.Count > 0)
        {
            // Judge the structure (and revocation) at an instant where every certificate was valid, then report the bounds.
            var latestStart = path.Take(path.Count - 1).Max(c => c.NotBefore);
            var earliestEnd = path.Take(path.Count - 1).Min(c => c.NotAfter);
            if (latestStart > earliestEnd)
            {
                // No instant to judge the rest at: the bounds alone decide.
                errors.Add("the certificates of the path were never valid at the same time");
                errors.AddRange(notYetValid.Select(i => $"{chain[i].Subject}: not valid before {chain[i].NotBefore.ToUniversalTime():O}"));
                errors.AddRange(expired.Select(i => $"{chain[i].Subject}: expired on {chain[i].NotAfter.ToUniversalTime():O}"));
                return notYetValid.Count > 0
                    ? Result(Indication.TotalFailed, SubIndication.NotYetValid)
                    : Result(Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe);
            }
            checkTime = expired.Count > 0 ? earliestEnd : latestStart;
        }

        var structure = PkixPathCheck.Run(path, checkTime, known);
        if (!structure.Passed)
        {
            errors.Add($"{Name(chain, structure.FailedIndex)}: {structure.Message}");
            return Result(Indication.Indeterminate, structure.IsSignatureFailure
                ? SubIndication.CertificateChainGeneralFailure : SubIndication.ChainConstraintsFailure);
        }

        for (var i = 0; i < chain.Count - 1 && policy is not null; i++)
        {
            if (policy.Check(chain[i], i, request.At) is not { } finding) continue;
            errors.Add($"{chain[i].Subject}: {finding.Message}");
            return Result(finding.Indication, finding.SubIndication);
        }

        if (request.RequiredKeyUsage is { } wanted && !AllowsKeyUsage(chain[0], wanted))
        {
            errors.Add($"{chain[0].Subject}: key usage does not allow {wanted}");
            return Result(Indication.Indeterminate, SubIndication.ChainConstraintsFailure);
        }

        var status = revocation is null
            ? new PathRevocationResult(RevocationVerdict.NotChecked, -1, null, null, null, [])
            : await revocation.CheckAsync(path, checkTime, LaterTime(path, now.UtcDateTime), known, crls,
                request.CarriedOcspResponses, cancellationToken);
        warnings.AddRange(status.Warnings);

        if (status.Verdict == RevocationVerdict.Revoked)
        {
            var revokedAt = status.RevokedAt ?? new DateTimeOffset(checkTime, TimeSpan.Zero);
            var what = $"{chain[status.Index].Subject}: revoked on {revokedAt:O}{(status.Reason is null ? "" : $" ({status.Reason})")}";
            if (revokedAt <= request.At)
            {
                errors.Add(what);
                return Result(Indication.TotalFailed, SubIndication.Revoked, revokedAt);
            }
            if (!request.AtIsProofOfExistence)
            {
                errors.Add($"{what}, after the claimed time {request.At:O} which nothing proves");
                return Result(Indication.Indeterminate,
                    status.Index == 0 ? SubIndication.RevokedNoPoe : SubIndication.RevokedCaNoPoe, revokedAt);
            }
            warnings.Add($"{what}, after the proven time {request.At:O}");
        }

        if (notYetValid.Count > 0)
        {
            errors.AddRange(notYetValid.Select(i => $"{chain[i].Subject}: not valid before {chain[i].NotBefore.ToUniversalTime():O}"));
            return Result(Indication.TotalFailed, SubIndication.NotYetValid);
        }
        if (expired.Count > 0)
        {
            errors.AddRange(expired.Select(i => $"{chain[i].Subject}: expired on {chain[i].NotAfter.ToUniversalTime():O}"));
            return Result(Indication.Indeterminate, status.Verdict == RevocationVerdict.Good
                ? SubIndication.OutOfBoundsNotRevoked : SubIndication.OutOfBoundsNoPoe);
        }
        if (status.Verdict == RevocationVerdict.Undetermined)
        {
            errors.Add(status.Message!);
            return Result(Indication.Indeterminate, SubIndication.TryLater);
        }
        if (status.Verdict == RevocationVerdict.NotChecked)
            warnings.Add("revocation not checked: no CRL given or carried, and OCSP / CRL download not enabled");
        return Result(Indication.TotalPassed, null);
    }

    /// <summary>Now, or the last instant every certificate of the path is valid if that comes first.</summary>
    private static DateTime LaterTime(IReadOnlyList<BcCertificate> path, DateTime now)
    {
        var earliestEnd = path.Take(path.Count - 1).Min(c => c.NotAfter);
        return now < earliestEnd ? now : earliestEnd;
    }

    /// <summary>True when the certificate has no key usage extension or allows at least one wanted use.</summary>
    private static bool AllowsKeyUsage(X509Certificate2 certificate, X509KeyUsageFlags wanted)
    {
        var extension = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        return extension is null || (extension.KeyUsages & wanted) != 0;
    }

    private static string Name(IReadOnlyList<X509Certificate2> chain, int index) =>
        index >= 0 && index < chain.Count ? chain[index].Subject : "path";
}
