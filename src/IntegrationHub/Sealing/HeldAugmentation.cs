using System.Security.Cryptography;
using IntegrationHub.Apis;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Dossiers;
using IntegrationHub.LongTerm;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signing;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace IntegrationHub.Sealing;

/// <summary>What the augment route answers: the augmented signature (200), a held augmentation (202), or a refusal (problem+json).</summary>
public abstract record AugmentOutcome
{
    public sealed record Augmented(AugmentedDocument Document) : AugmentOutcome;
    public sealed record Held(HeldSealView View) : AugmentOutcome;
    public sealed record Refused(int Status, string Detail, string Reason) : AugmentOutcome;
}

/// <summary>One try of the engine: done, a service that did not answer (worth waiting for), or the engine's refusal.</summary>
public abstract record AugmentAttempt
{
    public sealed record Done(AugmentationResult Result) : AugmentAttempt;
    public sealed record Unanswered(string Service, string Url, string Reason) : AugmentAttempt;
    public sealed record Refused(AugmentationRefusedException Error) : AugmentAttempt;
}

/// <summary>
/// POST /signatures/augment with the resilience of a delivery: when the TSA, an OCSP responder or a CRL host does not
/// answer (told apart from a refusal by <see cref="UnansweredServices"/>, as the long-term jobs do) the request is kept
/// in held_seals (kind "augment") and finished by <see cref="HeldSealJob"/> through the circuit of that service and
/// host ("timestamp@host:port", "revocation@host:port" in <see cref="ServiceCircuits"/>, shared with seals and the
/// long-term jobs). Retry delays, MaxAttempts and dead letters are Sealing:*'s, as for held seals. A refusal (not
/// valid, revoked, unsupported, no TSA configured) is answered at once and nothing is stored.
/// </summary>
public sealed class HeldAugmentation(
    EngineAugmentation engine, IDocumentValidation validation, ServiceCircuits circuits,
    HubStore store, IOptions<SealingOptions> options, TimeProvider time, ILogger<HeldAugmentation> log)
{
    /// <summary>The route of a held augmentation (the 202's Location).</summary>
    public static string LocationOf(string id) => $"/api/v1/signatures/augment/{id}";

    /// <summary>The circuit of a service URL: "timestamp@host:port" or "revocation@host:port" (as LongTermTasks.WaitingClass).</summary>
    public static string CircuitOf(string service, string url) => ServiceCircuits.NameOf(service, url);

    public static string TargetName(AugmentationTarget target) => target == AugmentationTarget.Lta ? "lta" : "lt";

    public async Task<AugmentOutcome> AugmentAsync(DecodedDocument doc, AugmentationTarget target, string owner, string? dossierCode, CancellationToken ct)
    {
        var (signature, content) = Split(doc.Content, doc.DetachedSignature);
        // A TSA whose circuit is open is not asked again per request: the engine still checks the signature (a refusal
        // stays a refusal), and where it needs the TSA the request is held to wait its turn like the others.
        var tsa = engine.TsaUrl;
        var closed = tsa is not null && circuits.IsOpen(CircuitOf(Levels.Timestamp, tsa.ToString())) ? new OpenCircuitTimestamps(tsa) : null;
        switch (await TryAsync(signature, content, target, ct, closed))
        {
            case AugmentAttempt.Done d:
                return new AugmentOutcome.Augmented(Document(doc.Name, doc.MediaType, doc.DetachedSignature is not null, d.Result.Document, d.Result.Report));
            case AugmentAttempt.Unanswered u:
                return await HoldAsync(doc, target, owner, dossierCode, u);
            case AugmentAttempt.Refused r:
                var status = r.Error.Reason switch { "TSA_FAILED" => 502, "TSA_NEEDED" => 503, _ => 422 };
                return new AugmentOutcome.Refused(status, r.Error.Message, r.Error.Reason);
            case var other:
                throw new InvalidOperationException($"Unknown attempt {other}");
        }
    }

    /// <summary>The held augmentation of <paramref name="owner"/>, or null (unknown, a seal, or another caller's: all look the same).</summary>
    public async Task<HeldSeal?> FindAsync(string id, string owner, CancellationToken ct)
        => await store.GetHeldSealAsync(id, ct) is { Kind: HeldKinds.Augment } held && held.Owner == owner ? held : null;

    /// <summary>A finished held augmentation as the route returns it, its report made now.</summary>
    public AugmentedDocument Document(HeldSeal held, byte[] result)
    {
        var report = validation.Validate(held.Name, held.Detached ?? result, held.Detached is null ? null : result);
        return Document(held.Name, held.MediaType, held.Detached is not null, result, report);
    }

    /// <summary>
    /// A retry of a held augmentation through the circuit of the service it waits for. Null when that circuit is open:
    /// nothing was asked and no attempt is spent.
    /// </summary>
    public async Task<AugmentAttempt?> RetryAsync(HeldSeal held, CancellationToken ct)
    {
        var target = held.Mode == "lta" ? AugmentationTarget.Lta : AugmentationTarget.Lt;
        var circuit = CircuitOf(held.Step, held.TsaUrl);
        try
        {
            return (await circuits.For(circuit).ExecuteAsync(async t => new Classified(await TryAsync(held.Document, held.Detached, target, t)), ct)).Attempt;
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
        catch (Exception e) when (e is Polly.Timeout.TimeoutRejectedException or HttpRequestException)
        {
            return new AugmentAttempt.Unanswered(held.Step, held.TsaUrl, e.Message);
        }
    }

    private async Task<AugmentAttempt> TryAsync(byte[] signature, byte[]? content, AugmentationTarget target, CancellationToken ct,
        ITimestampClient? timestamps = null)
    {
        var watch = UnansweredServices.Watch();
        try
        {
            return new AugmentAttempt.Done(await engine.AugmentAsync(signature, content, target, ct, timestamps));
        }
        catch (AugmentationRefusedException e)
        {
            // A cancelled request is neither a refusal nor a service down.
            ct.ThrowIfCancellationRequested();
            return watch.Explains(e) is { } down ? new AugmentAttempt.Unanswered(down.Service, down.Url, $"{down.Reason} ({e.Reason}: {e.Message})") : new AugmentAttempt.Refused(e);
        }
    }

    private async Task<AugmentOutcome> HoldAsync(DecodedDocument doc, AugmentationTarget target, string owner, string? dossierCode,
        AugmentAttempt.Unanswered u)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var (signature, content) = Split(doc.Content, doc.DetachedSignature);
        var reason = $"{u.Service} {u.Url} did not answer: {u.Reason}";
        // Written before the 202: from here a crash or a restart cannot lose the request.
        await store.HoldSealAsync(id, owner, doc.Name, doc.MediaType, TargetName(target), u.Service, u.Url, signature, reason,
            time.GetUtcNow() + options.Value.DelayAfter(0), CancellationToken.None, HeldKinds.Augment, content, dossierCode);
        log.LogWarning("Augmentation {Id} to {Target} held: {Reason}", id, TargetName(target), reason);
        var held = await store.GetHeldSealAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"Held augmentation {id} was written but cannot be read back.");
        return new AugmentOutcome.Held(HeldSealView.Of(held));
    }

    /// <summary>For a detached signature the document is the signed content and detachedSignature the signature to augment.</summary>
    private static (byte[] Signature, byte[]? Content) Split(byte[] document, byte[]? detachedSignature) =>
        detachedSignature is null ? (document, null) : (detachedSignature, document);

    private static AugmentedDocument Document(string name, string mediaType, bool detached, byte[] result, Signatures.Validation.ValidationReport report)
    {
        var outName = detached ? Path.GetFileNameWithoutExtension(name) + ".p7s" : name;
        var outType = detached ? "application/pkcs7-signature" : mediaType;
        return new AugmentedDocument(outName, outType, Convert.ToBase64String(result), report.Signatures.FirstOrDefault()?.Level ?? "", report);
    }

    /// <summary>The TSA behind an open circuit: not asked, noted as not answering.</summary>
    private sealed class OpenCircuitTimestamps(Uri tsa) : ITimestampClient
    {
        public Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
        {
            var reason = $"the circuit {CircuitOf(Levels.Timestamp, tsa.ToString())} is open after repeated failures";
            UnansweredServices.Note(new Unanswered(Levels.Timestamp, tsa.ToString(), reason));
            throw new HttpRequestException(reason);
        }
    }

    /// <summary>The attempt as the circuit judges it: a service that did not answer counts as a failure.</summary>
    private sealed record Classified(AugmentAttempt Attempt) : IClassifiedResult
    {
        public FailureClass FailureClass => Attempt is AugmentAttempt.Unanswered ? FailureClass.Transient : FailureClass.None;
    }
}
