using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>lt: B-LT (validation data embedded); lta: B-LTA (and an archive timestamp over it, or one more on a B-LTA).</summary>
public enum AugmentationTarget { Lt, Lta }

/// <summary>
/// How to augment: the validation to run (trust, policy; also the check of the result), where validation data comes
/// from, and the TSA for the signature timestamp a B-B lacks and for archive timestamps.
/// </summary>
public sealed record AugmentationOptions(ValidationOptions Validation, TrustStore Trust, ValidationDataSources Sources)
{
    public ITimestampClient? Timestamps { get; init; }
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;
}

/// <summary>The augmented file and its validation report (TOTAL_PASSED at level B-LT or B-LTA).</summary>
public sealed record AugmentationResult(byte[] Document, ValidationReport Report);

/// <summary>Why a file was not augmented. The caller writes nothing.</summary>
public sealed class AugmentationRefusedException(string reason, string message, ValidationReport? report = null) : Exception(message)
{
    /// <summary>UNSUPPORTED_FORMAT, NOT_VALID, REVOKED, VALIDATION_DATA_MISSING, TSA_NEEDED, TSA_FAILED, CONTENT_NEEDED.</summary>
    public string Reason { get; } = reason;
    public ValidationReport? Report { get; } = report;
}

/// <summary>
/// The orchestrator: a signed file and a target level in, the augmented file out. The signature must be intact first
/// (format, digest, signature value, crypto policy); a B-B gets its signature timestamp; validation data is gathered for
/// the signer's and every TSA's path (<see cref="ValidationDataCollector"/>) and embedded by the format's augmenter; for
/// lta an archive timestamp follows. The result is then validated as a verifier would: anything short of TOTAL_PASSED
/// at the level asked is refused with the report's reason. So a signature that was INDETERMINATE only for lack of
/// revocation data passes once the data is gathered, and a revoked or unverifiable one is never written as B-LT.
/// Keep one instance per configuration: its validator caches path results across files.
/// </summary>
public sealed class SignatureAugmenter(TimeProvider time, IReadOnlyList<IFormatAugmenter>? augmenters = null)
{
    private readonly SignatureValidator _validator = new(time);
    private readonly IReadOnlyList<IFormatAugmenter> _augmenters = augmenters ?? FormatAugmenters.For(time);

    public async Task<AugmentationResult> AugmentAsync(byte[] document, byte[]? detachedContent, AugmentationTarget target,
        AugmentationOptions options, CancellationToken cancellationToken = default)
    {
        // Hostile or odd input must end as a refusal, never as an exception escaping to the caller.
        try { return await AugmentCoreAsync(document, detachedContent, target, options, cancellationToken); }
        catch (Exception e) when (e is System.Formats.Asn1.AsnContentException or FormatException or CryptographicException
                                      or ArgumentException or SignatureFormatException or InvalidOperationException)
        {
            throw new AugmentationRefusedException("NOT_VALID", $"The signature cannot be augmented: {e.Message}");
        }
    }

    private async Task<AugmentationResult> AugmentCoreAsync(byte[] document, byte[]? detachedContent, AugmentationTarget target,
        AugmentationOptions options, CancellationToken cancellationToken)
    {
        var format = Sniff(document);
        var augmenter = FormatAugmenters.Find(format.Name, _augmenters)
                        ?? throw new AugmentationRefusedException("UNSUPPORTED_FORMAT", $"Augmenting {format.Name} signatures is not supported yet (this build augments {string.Join(", ", _augmenters.Select(a => a.Format))}).");
        var (_, evidence) = Read(document, detachedContent);
        foreach (var signature in evidence) CheckIntact(signature, options);

        if (evidence.Any(e => !e.Timestamps.Any(t => t.Type == TimestampChain.SignatureTimestamp)))
        {
            var tsa = options.Timestamps ?? throw new AugmentationRefusedException("TSA_NEEDED", "The signature has no signature timestamp (B-B): a TSA is needed to make it B-T first.");
            document = await Tsa(() => augmenter.AddSignatureTimestampAsync(document, tsa, options.DigestAlgorithm, cancellationToken));
            (_, evidence) = Read(document, detachedContent);
        }

        var collector = new ValidationDataCollector(options.Trust, options.Sources, time);
        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        document = augmenter.AddValidationData(document, Content(detachedContent), await CollectAsync(collector, evidence, options, covered, cancellationToken));

        if (target == AugmentationTarget.Lta)
        {
            var tsa = options.Timestamps ?? throw new AugmentationRefusedException("TSA_NEEDED", "An archive timestamp (B-LTA) needs a TSA.");
            if (detachedContent is null && evidence.Any(e => e.References.Any(r => !r.Found)))
                throw new AugmentationRefusedException("CONTENT_NEEDED", "The signature is detached: the signed content is needed for an archive timestamp.");
            document = await Tsa(() => augmenter.AddArchiveTimestampAsync(document, Content(detachedContent), tsa, options.DigestAlgorithm, cancellationToken));
            // The archive TSA's own path data, when it is another TSA: added after the timestamp, outside its hash index,
            // so that the latest timestamp can be validated offline too. Nothing is written when the TSA is one already covered.
            (_, evidence) = Read(document, detachedContent);
            var more = await CollectAsync(collector, evidence, options, covered, cancellationToken);
            if (more.Certificates.Count > 0) document = augmenter.AddValidationData(document, Content(detachedContent), more);
        }

        var report = Validate(document, detachedContent, options);
        var wanted = target == AugmentationTarget.Lta ? "B-LTA" : "B-LT";
        // lt on a file that is already B-LTA keeps it B-LTA (the data is added outside the archive timestamps' index).
        bool Reached(string? level) => level == wanted || (wanted == "B-LT" && level == "B-LTA");
        if (report.Indication != Indication.TotalPassed || report.Signatures.Any(s => !Reached(s.Level)))
        {
            var first = report.Signatures.FirstOrDefault(s => s.Indication != Indication.TotalPassed || !Reached(s.Level));
            var why = first is null ? string.Join(" ", report.Errors ?? [])
                : $"{first.Id} is {first.Indication}{(first.SubIndication is null ? "" : "/" + first.SubIndication)} at level {first.Level}: {string.Join(" ", first.Errors.Concat(first.Warnings))}";
            throw new AugmentationRefusedException("NOT_VALID", $"The augmented signature does not validate as {wanted}: {why}", report);
        }
        return new AugmentationResult(document, report);
    }

    private static ISignatureFormat Sniff(byte[] document)
    {
        using var file = new MemoryStream(document, writable: false);
        return SignatureValidator.Sniff(file)
               ?? throw new AugmentationRefusedException("NOT_VALID", "The file is not a signature format the hub reads (CMS/PKCS#7, XML, PDF).");
    }

    private static (string Format, IReadOnlyList<SignatureEvidence> Evidence) Read(byte[] document, byte[]? detachedContent)
    {
        var format = Sniff(document);
        using var file = new MemoryStream(document, writable: false);
        using var content = detachedContent is null ? null : new MemoryStream(detachedContent, writable: false);
        try
        {
            var evidence = format.Read(new SignedFile("document", file, content));
            if (evidence.Count == 0) throw new AugmentationRefusedException("NOT_VALID", "The file holds no signature.");
            return (format.Name, evidence);
        }
        catch (SignatureFormatException e) { throw new AugmentationRefusedException("NOT_VALID", $"FORMAT_FAILURE: {e.Message}"); }
    }

    /// <summary>Format, digest, signature value and crypto policy first: nothing is fetched or asked of a TSA for a broken signature.</summary>
    private static void CheckIntact(SignatureEvidence signature, AugmentationOptions options)
    {
        if (signature.References.Any(r => !r.Found))
            throw new AugmentationRefusedException("CONTENT_NEEDED", $"{signature.Id}: the signed content was not supplied (a detached signature needs it).");
        var integrity = SignatureProcess.CheckIntegrity(signature, options.Validation.ExtraCertificates, options.Validation.Policy);
        if (!integrity.Verdict.IsPassed)
            throw new AugmentationRefusedException("NOT_VALID",
                $"{signature.Id} is {integrity.Verdict.Indication}/{integrity.Verdict.SubIndication}: {string.Join(" ", integrity.Errors)}");
        if (!signature.HasEtsiSignedAttributes)
            throw new AugmentationRefusedException("NOT_VALID", $"{signature.Id} is a plain {signature.Format} signature without ETSI signed attributes (signing-certificate): it has no baseline level to raise.");
    }

    /// <summary>The signer and every TSA of every signature, with the certificates the file carries to build paths with.</summary>
    /// <param name="covered">Thumbprints of the targets already gathered for; those found now are added.</param>
    private static async Task<ValidationData> CollectAsync(ValidationDataCollector collector, IReadOnlyList<SignatureEvidence> evidence,
        AugmentationOptions options, HashSet<string> covered, CancellationToken cancellationToken)
    {
        var targets = new List<X509Certificate2>();
        var carried = new List<X509Certificate2>();
        foreach (var signature in evidence)
        {
            carried.AddRange(signature.Certificates);
            var errors = new List<string>();
            if (SignerIdentification.Find(signature, options.Validation.ExtraCertificates, errors) is { } signer) targets.Add(signer);
            foreach (var token in signature.Timestamps)
            {
                var tst = CmsSignatureReader.Read(token.Token, null, "TST");
                if (tst.Count != 1) continue;
                carried.AddRange(tst[0].Certificates);
                if (SignerIdentification.Find(tst[0], options.Validation.ExtraCertificates, errors) is { } tsa) targets.Add(tsa);
            }
        }
        var fresh = targets.DistinctBy(c => c.Thumbprint).Where(c => covered.Add(c.Thumbprint)).ToList();
        if (fresh.Count == 0) return new ValidationData([], [], []);
        var crls = evidence.SelectMany(e => e.Crls).ToList();
        var ocsp = evidence.SelectMany(e => e.OcspResponses).ToList();
        try { return await collector.CollectAsync(fresh, carried, cancellationToken, (crls, ocsp)); }
        catch (ValidationDataException e) { throw new AugmentationRefusedException(e.Revoked ? "REVOKED" : "VALIDATION_DATA_MISSING", e.Message); }
    }

    private ValidationReport Validate(byte[] document, byte[]? detachedContent, AugmentationOptions options)
    {
        using var file = new MemoryStream(document, writable: false);
        using var content = detachedContent is null ? null : new MemoryStream(detachedContent, writable: false);
        return _validator.Validate(new SignedFile("augmented", file, content), options.Validation with { At = null });
    }

    private static async Task<byte[]> Tsa(Func<Task<byte[]>> call)
    {
        try { return await call(); }
        catch (NotSupportedException e) { throw new AugmentationRefusedException("UNSUPPORTED_FORMAT", e.Message); }
        catch (Exception e) when (e is HttpRequestException or Timestamps.TimestampException or TaskCanceledException or CryptographicException)
        {
            throw new AugmentationRefusedException("TSA_FAILED", $"The time-stamping authority did not give a usable token: {e.Message}");
        }
    }

    private static MemoryStream? Content(byte[]? detachedContent) => detachedContent is null ? null : new MemoryStream(detachedContent, writable: false);
}
