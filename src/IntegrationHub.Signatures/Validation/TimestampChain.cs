using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Signatures.Validation;

/// <summary>What a signature's timestamps prove: the earliest proven time, whether an archive timestamp held, the reports in file order.</summary>
internal sealed record TimestampProof(DateTimeOffset? ProofOfExistence, bool ArchiveTimestampPassed, List<TimestampReport> Reports)
{
    /// <summary>The paths of the signature timestamps' TSAs that verified, for the B-LT check of what is embedded.</summary>
    public List<IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>> SignatureTsaChains { get; init; } = [];

    /// <summary>The archive timestamps that did not verify, youngest first, with their verdict and why.</summary>
    public List<(Verdict Verdict, string Message)> FailedArchiveTimestamps { get; init; } = [];
}

/// <summary>
/// The timestamps of one signature, checked youngest first (EN 319 102-1 past signature validation, in the hub's words):
/// <list type="bullet">
/// <item>an archive timestamp proves the signature, its older timestamps and the validation data it covers existed at
/// its generation time; so each older timestamp's TSA path is validated at the generation time of the oldest younger
/// archive timestamp that verified (the time its existence is proven), with the validation data the signature carries;</item>
/// <item>the latest archive timestamp has nothing younger to prove it: its TSA path is validated at its own generation
/// time with the embedded data ("chain model" for the last timestamp), and it is accepted while its algorithms still pass
/// the crypto policy at the validation time (the integrity check applies today's policy). A warning says when its TSA
/// certificate has expired or expires within <see cref="ValidationOptions.RenewalWarning"/>: the file should get a new
/// archive timestamp (renewal) while that one can still be verified;</item>
/// <item>a signature timestamp with no archive timestamp over it is validated at the validation time, as before: a B-T or
/// B-LT whose TSA certificate has expired gives no proof of existence, and an expired signer stays INDETERMINATE.</item>
/// <item>an archive timestamp that does not verify is not passed over because another one does: the file claims a
/// long-term proof that does not hold (an altered token, data it covers removed, an unknown TSA), so B-LTA is not
/// reached and the signature takes the timestamp's verdict (<see cref="TimestampProof.FailedArchiveTimestamps"/>).</item>
/// </list>
/// </summary>
internal static class TimestampChain
{
    public const string SignatureTimestamp = "SIGNATURE_TIMESTAMP";
    public const string ArchiveTimestamp = "ARCHIVE_TIMESTAMP";

    public static TimestampProof Check(SignatureEvidence evidence, ValidationContext context, List<string> warnings)
    {
        var options = context.Options;
        var validationTime = context.ValidationTime;
        var embedded = evidence.CarriesValidationData ? evidence : null;
        var paths = new CachedPathValidator(options.PathValidator, context.Paths);
        var reports = new TimestampReport[evidence.Timestamps.Count];
        var youngestFirst = evidence.Timestamps
            .Select((token, index) => (Token: token, Index: index, Time: TimestampTokenVerifier.GenerationTime(token.Token)))
            .OrderByDescending(t => t.Time ?? DateTimeOffset.MinValue)
            // Tokens of the same second: the one later in the file was added later (an archive timestamp after the
            // signature timestamp it covers).
            .ThenByDescending(t => t.Index)
            .ToList();

        DateTimeOffset? proofOfExistence = null;
        DateTimeOffset? provenByArchive = null;
        var archivePassed = false;
        var tsaChains = new List<IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>>();
        var failedArchives = new List<(Verdict, string)>();
        foreach (var (token, index, time) in youngestFirst)
        {
            var latestArchive = provenByArchive is null && token.Type == ArchiveTimestamp && time is not null;
            var at = provenByArchive is { } proven ? Earlier(proven, validationTime)
                : latestArchive ? Earlier(time!.Value, validationTime)
                : validationTime;
            var check = TimestampTokenVerifier.Verify(token, paths, options.Policy, at, options.ExtraCertificates, embedded, evidence.Certificates);
            reports[index] = check.ToReport(token.Type);
            if (check.Verdict.IsPassed && check.GenerationTime is { } t)
            {
                proofOfExistence = Earlier(proofOfExistence ?? t, t);
                if (token.Type != ArchiveTimestamp)
                {
                    tsaChains.Add(check.Chain);
                    continue;
                }
                archivePassed = true;
                provenByArchive = t;
                if (latestArchive && check.Tsa is { } tsa)
                {
                    var until = new DateTimeOffset(tsa.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                    if (until <= validationTime)
                        warnings.Add($"The latest archive timestamp's TSA certificate '{tsa.Subject}' expired on {until:O}: it is accepted on its own time " +
                                     "and today's crypto policy; add a new archive timestamp (renewal) while its algorithms stay strong.");
                    else if (until <= validationTime + options.RenewalWarning)
                        warnings.Add($"The latest archive timestamp's TSA certificate '{tsa.Subject}' expires on {until:O}: add a new archive timestamp (renewal) before then.");
                }
            }
            else
            {
                warnings.AddRange(check.Errors.Select(e => $"Timestamp: {e}"));
                if (token.Type == ArchiveTimestamp) failedArchives.Add((check.Verdict, FailureMessage(check, time)));
            }
        }
        return new TimestampProof(proofOfExistence, archivePassed && failedArchives.Count == 0, [.. reports])
        {
            SignatureTsaChains = tsaChains,
            FailedArchiveTimestamps = failedArchives,
        };
    }

    private static string FailureMessage(TimestampCheck check, DateTimeOffset? time)
    {
        var when = time is { } t ? $" of {t:O}" : "";
        var by = check.Tsa is { } tsa ? $" by '{tsa.Subject}'" : "";
        return $"The archive timestamp{when}{by} did not verify ({check.Verdict.Indication}/{check.Verdict.SubIndication}): {string.Join(" ", check.Errors)}";
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
