using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Validation;

/// <summary>The integrity part of the process: format, references, signer identification, crypto, crypto policy.</summary>
internal sealed record IntegrityResult(Verdict Verdict, X509Certificate2? Signer, List<string> Errors);

/// <summary>
/// EN 319 102-1 in the hub's words, for one signature: format checking, signing certificate identification,
/// cryptographic verification, crypto policy, timestamps (best signature time, see <see cref="TimestampChain"/>), X.509 path
/// validation at that time with the validation data the file carries.
/// </summary>
internal static class SignatureProcess
{
    private const X509KeyUsageFlags SignerKeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;

    public static SignatureReport Validate(SignatureEvidence evidence, ValidationContext context)
    {
        var integrity = CheckIntegrity(evidence, context.Options.ExtraCertificates, context.Options.Policy);
        var errors = integrity.Errors;
        var warnings = new List<string>(evidence.Warnings);
        var verdict = integrity.Verdict;
        var signer = integrity.Signer;

        var proof = TimestampChain.Check(evidence, context, warnings);
        var proofOfExistence = proof.ProofOfExistence;
        var bestTime = proofOfExistence ?? context.ValidationTime;

        IReadOnlyList<string> chain = [];
        IReadOnlyList<X509Certificate2> signerPath = [];
        if (verdict.IsPassed && signer is not null)
        {
            var (pathVerdict, path) = ValidatePath(signer, evidence, context, bestTime, proofOfExistence is not null);
            verdict = pathVerdict;
            signerPath = path.Chain;
            chain = path.Chain.Select(c => c.Subject).ToList();
            errors.AddRange(path.Errors);
            warnings.AddRange(path.Warnings);
            if (pathVerdict.IsPassed && bestTime > context.ValidationTime)
                warnings.Add("The timestamp is later than the validation time.");
        }
        // A failed archive timestamp fails the long-term level instead of being outvoted by one that verified.
        if (verdict.IsPassed && proof.FailedArchiveTimestamps.Count > 0)
        {
            verdict = proof.FailedArchiveTimestamps.MaxBy(f => Verdict.Severity(f.Verdict.Indication)).Verdict;
            errors.AddRange(proof.FailedArchiveTimestamps.Select(f => f.Message));
        }

        return new SignatureReport(
            evidence.Id, verdict.Indication, verdict.SubIndication,
            signer is null ? null : CertificateFacts.Of(signer).Report,
            evidence.ClaimedSigningTime, bestTime,
            evidence.DigestAlgorithm.Name, AlgorithmName(evidence.SignatureAlgorithm),
            Level(evidence, proofOfExistence is not null, proof, signerPath, context.FileFormat),
            proof.Reports, errors, warnings)
        {
            Chain = chain,
            CoveredRevision = evidence.CoveredRevision,
        };
    }

    private static (Verdict, PathValidationResult) ValidatePath(X509Certificate2 signer, SignatureEvidence evidence, ValidationContext context,
        DateTimeOffset bestTime, bool proven)
    {
        var options = context.Options;
        IReadOnlyList<X509Certificate2> extra = options.ExtraCertificates.Count == 0 ? evidence.Certificates : [.. evidence.Certificates, .. options.ExtraCertificates];
        IReadOnlyList<byte[]> crls = options.ExtraCrls.Count == 0 ? evidence.Crls : [.. evidence.Crls, .. options.ExtraCrls];
        var request = new PathValidationRequest(bestTime, extra, crls, evidence.OcspResponses, SignerKeyUsage) { AtIsProofOfExistence = proven };
        PathValidationResult path;
        try { path = context.Paths.Validate(options.PathValidator, signer, request); }
        catch (Exception e)
        {
            path = new PathValidationResult(Indication.Indeterminate, SubIndication.CertificateChainGeneralFailure, [], null, [$"Path validation failed: {e.Message}"], []);
        }

        var verdict = new Verdict(path.Indication, path.SubIndication);
        // Without a proof of existence the signing time is only claimed: a revoked signer cannot fail the signature outright.
        if (!proven && path.SubIndication == SubIndication.Revoked) verdict = Verdict.Indeterminate(SubIndication.RevokedNoPoe);
        if (verdict.IsPassed)
        {
            var facts = CertificateFacts.Of(signer).Report;
            if (bestTime > facts.NotAfter) verdict = Verdict.Indeterminate(SubIndication.OutOfBoundsNoPoe);
            else if (bestTime < facts.NotBefore) verdict = Verdict.Failed(SubIndication.NotYetValid);
        }
        return (verdict, path);
    }

    public static IntegrityResult CheckIntegrity(SignatureEvidence evidence, IReadOnlyList<X509Certificate2> extraCertificates, CryptoPolicy policy)
    {
        var errors = new List<string>();
        if (evidence.FormatErrors.Count > 0)
        {
            // The signature is present but does not conform to its base standard: EN 319 102-1 puts FORMAT_FAILURE under TOTAL_FAILED.
            errors.AddRange(evidence.FormatErrors);
            return new(Verdict.Failed(SubIndication.FormatFailure), null, errors);
        }
        if (evidence.Failures.Count > 0)
        {
            errors.AddRange(evidence.Failures.Select(f => f.Message));
            return new(Verdict.Failed(evidence.Failures[0].SubIndication), null, errors);
        }
        foreach (var reference in evidence.References)
        {
            if (!reference.Found)
            {
                errors.Add($"Signed data '{reference.Name}' not found.{(reference.Detail is null ? "" : " " + reference.Detail)}");
                return new(Verdict.Indeterminate(SubIndication.SignedDataNotFound), null, errors);
            }
            if (!reference.Intact)
            {
                errors.Add($"The digest of '{reference.Name}' does not match: the signed data was changed.{(reference.Detail is null ? "" : " " + reference.Detail)}");
                return new(Verdict.Failed(SubIndication.HashFailure), null, errors);
            }
        }

        var signer = SignerIdentification.Find(evidence, extraCertificates, errors);
        if (signer is null) return new(Verdict.Indeterminate(SubIndication.NoSigningCertificateFound), null, errors);

        if (!PublicKeys.Verify(signer, evidence.SignatureAlgorithm, evidence.DigestAlgorithm, evidence.SignedDigest, evidence.SignatureValue))
        {
            errors.Add("The signature value does not verify with the signer's public key.");
            return new(Verdict.Failed(SubIndication.SigCryptoFailure), signer, errors);
        }

        var problems = policy.Check(evidence.DigestAlgorithm, evidence.SignatureAlgorithm, PublicKeys.Get(signer));
        if (problems.Count > 0)
        {
            errors.AddRange(problems);
            return new(Verdict.Indeterminate(SubIndication.CryptoConstraintsFailure), signer, errors);
        }
        return new(Verdict.Passed, signer, errors);
    }

    private static string AlgorithmName(SignatureAlgorithm algorithm) =>
        algorithm.Padding == "PSS" ? "RSASSA-PSS" : algorithm.KeyAlgorithm;

    /// <summary>
    /// B-B; B-T with a verified timestamp; B-LT when the file also carries the validation data block and it covers the
    /// signer's and the signature TSAs' paths (<see cref="EmbeddedCoverage"/>); B-LTA when, on top, an archive timestamp verified.
    /// </summary>
    private static string Level(SignatureEvidence evidence, bool timestamped, TimestampProof proof, IReadOnlyList<X509Certificate2> signerPath,
        string fileFormat)
    {
        if (!evidence.HasEtsiSignedAttributes)
            return fileFormat switch { "XADES" => "XML-NOT-ETSI", "PADES" => "PDF-NOT-ETSI", _ => "CMS-NOT-ETSI" };
        if (!timestamped) return "B-B";
        if (!evidence.CarriesValidationData || !EmbeddedCoverage.Covers(signerPath, evidence)
            || !proof.SignatureTsaChains.All(c => EmbeddedCoverage.Covers(c, evidence)))
            return "B-T";
        return proof.ArchiveTimestampPassed ? "B-LTA" : "B-LT";
    }
}

/// <summary>What one validation run shares across the signatures of a file.</summary>
internal sealed record ValidationContext(ValidationOptions Options, DateTimeOffset ValidationTime, string FileFormat, PathCache Paths);
