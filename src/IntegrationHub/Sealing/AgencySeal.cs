using System.Security.Cryptography;
using IntegrationHub.Apis;
using IntegrationHub.Dossiers;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Xml;
using IntegrationHub.Signing;
using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Sealing;

/// <summary>What the seal route answers: the sealed document (200), a held seal (202), or a refusal (problem+json).</summary>
public abstract record SealOutcome
{
    public sealed record Sealed(SignedDocument Document) : SealOutcome;
    public sealed record Held(HeldSealView View) : SealOutcome;
    public sealed record Refused(int Status, string Detail) : SealOutcome;
}

/// <summary>
/// Seals a document with the agency's key (<see cref="SealKey"/>): B-B without Signatures:TsaUrl, B-T with it. When the
/// TSA does not answer (or its circuit is open) the seal is kept in the store and finished by <see cref="HeldSealJob"/>:
/// <list type="bullet">
/// <item>CAdES (cades-attached, cades-detached) and XAdES (xades-enveloped): signed now with the key (B-B), the
/// signature timestamp added later by the format's augmenter (step "timestamp"); the signing time is the request's.</item>
/// <item>PAdES: its augmenter cannot add a signature timestamp to a finished signature, so the original is kept and
/// sealed again, timestamp included, at retry time (step "reseal"); the signing time is then the retry's, and the key
/// must still be usable.</item>
/// </list>
/// </summary>
public sealed class AgencySeal(
    SealKey seal, IDocumentValidation validation, IConfiguration configuration, IHttpClientFactory httpClients, TsaGuard circuits,
    HubStore store, IOptions<SealingOptions> options, TimeProvider time, ILogger<AgencySeal> log)
{
    public const string TimestampStep = "timestamp";
    public const string ResealStep = "reseal";

    /// <summary>The route of a held seal (the 202's Location).</summary>
    public static string LocationOf(string id) => $"/api/v1/signatures/seal/{id}";

    public async Task<SealOutcome> SealAsync(DecodedDocument doc, string owner, CancellationToken ct, string? dossierCode = null)
    {
        if (seal.Signer is null) return new SealOutcome.Refused(503, "No seal key is configured (Signing:Pkcs11:Library or Signatures:Seal:P12Path).");
        var mode = SigningModes.For(doc.MediaType);
        if (SignerRegistry.Find(mode) is null) return new SealOutcome.Refused(501, $"Sealing as {mode} is not available in this build.");
        try
        {
            if (TsaUrl() is not { } tsaUrl) return Sealed(doc.Name, doc.MediaType, mode, await SignAsync(mode, doc.Content, null, ct));
            if (CanTimestampLater(mode))
            {
                var bb = await SignAsync(mode, doc.Content, null, ct);
                try { return Sealed(doc.Name, doc.MediaType, mode, await AddTimestampAsync(mode, bb, tsaUrl, ct)); }
                catch (TimestampUnavailableException e) { return await HoldAsync(doc, mode, TimestampStep, tsaUrl, bb, owner, dossierCode, e); }
            }
            try { return Sealed(doc.Name, doc.MediaType, mode, await SignAsync(mode, doc.Content, tsaUrl, ct)); }
            catch (TimestampUnavailableException e) { return await HoldAsync(doc, mode, ResealStep, tsaUrl, doc.Content, owner, dossierCode, e); }
        }
        catch (Pkcs11KeyException ex)
        {
            // The HSM's own words (library, token, key, return code); the PIN is never part of them.
            log.LogError("The seal key in the HSM cannot be used: {Cause}", ex.Message);
            return new SealOutcome.Refused(503, $"The seal key is unavailable: {ex.Message}");
        }
        catch (NotImplementedException) { return new SealOutcome.Refused(501, $"Sealing as {mode} is not available in this build."); }
        catch (SignatureFormatException ex) { return new SealOutcome.Refused(422, $"The document cannot be sealed: {ex.Message}"); }
    }

    /// <summary>The held seal of <paramref name="owner"/>, or null (unknown, or another caller's: both look the same).</summary>
    public async Task<HeldSeal?> FindAsync(string id, string owner, CancellationToken ct)
        => await store.GetHeldSealAsync(id, ct) is { Kind: HeldKinds.Seal } held && held.Owner == owner ? held : null;

    /// <summary>
    /// The retry of a held seal: its timestamp added, or the whole seal made again. The TSA is the one configured now
    /// (an operator may have moved to another while it was down), else the one the request met.
    /// </summary>
    public async Task<byte[]> FinishAsync(HeldSeal held, CancellationToken ct)
    {
        var tsaUrl = TsaUrl() ?? new Uri(held.TsaUrl);
        return held.Step == TimestampStep
            ? await AddTimestampAsync(held.Mode, held.Document, tsaUrl, ct)
            : await SignAsync(held.Mode, held.Document, tsaUrl, ct);
    }

    /// <summary>The seal as the seal route returns it: its file name and media type, content, mode and the report.</summary>
    public SignedDocument Document(string name, string mediaType, string mode, byte[] signed)
    {
        var sealedName = mode == "cades-attached" ? name + ".p7s" : name;
        var sealedType = mode == "cades-attached" ? "application/pkcs7-mime" : mediaType;
        return new SignedDocument(sealedName, sealedType, Convert.ToBase64String(signed), mode, validation.Validate(sealedName, signed, null));
    }

    /// <summary>Formats whose finished signature can take a signature timestamp later (their augmenter's AddSignatureTimestampAsync).</summary>
    public static bool CanTimestampLater(string mode) => LaterTimestamper(mode) is not null;

    private static IFormatAugmenter? LaterTimestamper(string mode) => mode switch
    {
        "cades-attached" or "cades-detached" => new CadesAugmenter(),
        "xades-enveloped" => new XadesAugmenter(),
        _ => null,
    };

    private SealOutcome.Sealed Sealed(string name, string mediaType, string mode, byte[] signed) => new(Document(name, mediaType, mode, signed));

    private async Task<SealOutcome> HoldAsync(DecodedDocument doc, string mode, string step, Uri tsaUrl, byte[] document, string owner,
        string? dossierCode, TimestampUnavailableException e)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var next = time.GetUtcNow() + options.Value.DelayAfter(0);
        // Written before the 202: from here a crash or a restart cannot lose the request.
        await store.HoldSealAsync(id, owner, doc.Name, doc.MediaType, mode, step, tsaUrl.ToString(), document, e.Message, next, CancellationToken.None,
            dossierCode: dossierCode);
        log.LogWarning("Seal {Id} ({Mode}) held, waiting for the time-stamping authority: {Reason}", id, mode, e.Message);
        var held = await store.GetHeldSealAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"Held seal {id} was written but cannot be read back.");
        return new SealOutcome.Held(HeldSealView.Of(held));
    }

    private async Task<byte[]> SignAsync(string mode, byte[] document, Uri? tsaUrl, CancellationToken ct)
    {
        var key = seal.Signer ?? throw new Pkcs11KeyException(Pkcs11KeyFailure.Configuration, "No seal key is configured (Signing:Pkcs11:Library or Signatures:Seal:P12Path).");
        var signer = SignerRegistry.Find(mode) ?? throw new NotImplementedException(mode);
        var parameters = new SigningParameters(time.GetUtcNow(), HashAlgorithmName.SHA256, WithTimestamp: tsaUrl is not null);
        var prepared = signer.Prepare(document, key.Certificate, parameters);
        return await signer.CompleteAsync(prepared, key.SignDigest(prepared), tsaUrl is null ? null : Timestamps(tsaUrl), ct);
    }

    private Task<byte[]> AddTimestampAsync(string mode, byte[] signed, Uri tsaUrl, CancellationToken ct) =>
        (LaterTimestamper(mode) ?? throw new InvalidOperationException($"A {mode} seal cannot take its timestamp later."))
            .AddSignatureTimestampAsync(signed, Timestamps(tsaUrl), HashAlgorithmName.SHA256, ct);

    private ITimestampClient Timestamps(Uri tsaUrl) => circuits.Guard(tsaUrl, new HttpTimestampClient(httpClients.CreateClient("tsa"), tsaUrl));

    private Uri? TsaUrl() => configuration["Signatures:TsaUrl"] is { Length: > 0 } url && !string.IsNullOrWhiteSpace(url) ? new Uri(url) : null;
}
