using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signing;
using Microsoft.Extensions.Options;

namespace IntegrationHub.LongTerm;

/// <summary>
/// The long-term jobs' engine: <see cref="EngineAugmentation"/> (trust, policy, TSA and revocation sources as
/// configured), its outcomes mapped for the outbox. Whatever formats the engine augments are augmented; a format
/// without augmenter is refused by the engine (UNSUPPORTED_FORMAT) and so here.
/// <list type="bullet">
/// <item>Augmented: the file, the level the report gives, and RenewBefore = the notAfter of the TSA certificate of
/// the latest timestamp (the archive timestamp for B-LTA, the signature timestamp for B-LT) minus
/// LongTerm:RenewalMargin; with several signatures, the earliest.</item>
/// <item>Unavailable: the TSA, an OCSP responder or a CRL host did not answer (connection, time-out, 5xx) and the
/// engine could not finish without it.</item>
/// <item>Refused: everything the same input would meet again: not a valid signature, revoked, unsupported format,
/// content missing, a TSA that answers with a bad token, a revocation source that answers 404, and no TSA configured
/// (TSA_NEEDED): retrying cannot help until an admin sets Signatures:TsaUrl, so the task is a dead letter at once,
/// to replay after the change, rather than a row retried for days against nothing.</item>
/// </list>
/// </summary>
public sealed class EngineDocumentAugmentation(EngineAugmentation engine, IOptions<LongTermOptions> options) : IDocumentAugmentation
{
    public async Task<AugmentationOutcome> AugmentAsync(string documentName, byte[] document, byte[]? detachedContent, string targetLevel, CancellationToken ct)
    {
        AugmentationTarget? target = targetLevel switch { Levels.LongTerm => AugmentationTarget.Lt, Levels.Archive => AugmentationTarget.Lta, _ => null };
        if (target is null) return new AugmentationOutcome.Refused($"unknown target level '{targetLevel}'");

        var watch = UnansweredServices.Watch();
        AugmentationResult result;
        try { result = await engine.AugmentAsync(document, detachedContent, target.Value, ct); }
        catch (AugmentationRefusedException e)
        {
            // A cancelled job is neither a refusal nor a service down: the row comes back when its lease runs out.
            ct.ThrowIfCancellationRequested();
            if (watch.Explains(e) is { } down)
                return new AugmentationOutcome.Unavailable(down.Service, down.Url, $"{down.Reason} ({e.Reason}: {e.Message})");
            return new AugmentationOutcome.Refused($"{e.Reason}: {e.Message}");
        }

        var level = result.Report.Signatures.Count > 0 && result.Report.Signatures.All(s => s.Level == Levels.Archive) ? Levels.Archive : Levels.LongTerm;
        return new AugmentationOutcome.Augmented(result.Document, level, RenewBefore(documentName, result.Document, detachedContent) - options.Value.RenewalMargin);
    }

    /// <summary>The earliest, over the signatures, of the TSA certificate notAfter of each one's latest timestamp; null without timestamps.</summary>
    private static DateTimeOffset? RenewBefore(string name, byte[] document, byte[]? detachedContent)
    {
        var format = Sniff(document);
        if (format is null) return null;
        using var file = new MemoryStream(document, writable: false);
        using var content = detachedContent is null ? null : new MemoryStream(detachedContent, writable: false);
        DateTimeOffset? earliest = null;
        foreach (var signature in format.Read(new SignedFile(name, file, content)))
        {
            var latest = signature.Timestamps.Select(t => Token(t.Token, signature.Certificates)).Where(t => t is not null)
                .OrderBy(t => t!.Value.GenerationTime).LastOrDefault();
            if (latest is { } l && (earliest is null || l.TsaNotAfter < earliest)) earliest = l.TsaNotAfter;
        }
        return earliest;
    }

    private static ISignatureFormat? Sniff(byte[] document)
    {
        var head = document.AsSpan(0, Math.Min(document.Length, 1024));
        foreach (var format in SignatureFormats.All)
            if (format.Recognizes(head)) return format;
        return null;
    }

    /// <summary>A token's time and its TSA certificate's notAfter (the certificate from the token, else from the signature).</summary>
    private static (DateTimeOffset GenerationTime, DateTimeOffset TsaNotAfter)? Token(byte[] token, IReadOnlyList<X509Certificate2> carried)
    {
        if (!Rfc3161TimestampToken.TryDecode(token, out var tst, out _)) return null;
        var signer = tst.AsSignedCms().SignerInfos[0];
        var certificate = signer.Certificate ?? carried.FirstOrDefault(signer.SignerIdentifier.MatchesCertificate);
        return certificate is null ? null : (tst.TokenInfo.Timestamp, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
