using System.Security.Claims;
using System.Text.Json;
using IntegrationHub.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Extensions;
using IntegrationHub.Sealing;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>Signature services: validate a document (the JSON report), seal a document with the agency's key.</summary>
public static class SignaturesApi
{
    public static RouteGroupBuilder MapSignaturesApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/signatures").WithTags("Signatures");
        api.MapPost("/validate", Validate).RequireAuthorization(AuthExtensions.Reader)
            .Accepts<DocumentDto>("application/json", "multipart/form-data");
        api.MapPost("/seal", Seal).RequireAuthorization(AuthExtensions.Agency);
        api.MapGet("/seal/{id}", HeldSeal).RequireAuthorization(AuthExtensions.Agency);
        api.MapPost("/augment", Augment).RequireAuthorization(AuthExtensions.Keeper);
        api.MapGet("/augment/{id}", HeldAugment).RequireAuthorization(AuthExtensions.Keeper);
        return api;
    }

    /// <summary>JSON { name, mediaType, content, detachedSignature } (base64), or multipart with the files "document" and "detachedSignature".</summary>
    public static async Task<Results<Ok<ValidationReport>, ValidationProblem, ProblemHttpResult>> Validate(
        HttpRequest request, IDocumentValidation validation, LimitsOptions limits, CancellationToken ct)
    {
        DecodedDocument? document;
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            // A multipart body without its boundary, or cut short, cannot be read: that is the client's fault.
            try { form = await request.ReadFormAsync(ct); }
            catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && ex is not BadHttpRequestException))
            {
                return Problems.Of(400, $"The multipart body cannot be read: {ex.Message}");
            }
            var file = form.Files.GetFile("document");
            if (file is null) return Problems.Invalid(new() { ["document"] = ["a file part named 'document' is required"] });
            var detachedFile = form.Files.GetFile("detachedSignature");
            if (file.Length > limits.MaxDocumentBytes || detachedFile?.Length > limits.MaxDocumentBytes)
                return Problems.Of(413, $"A file is larger than the limit of {limits.MaxDocumentBytes} bytes.");
            document = new DecodedDocument(Path.GetFileName(file.FileName), file.ContentType ?? "application/octet-stream",
                await ReadAll(file, ct), detachedFile is null ? null : await ReadAll(detachedFile, ct));
        }
        else if (request.HasJsonContentType())
        {
            DocumentDto? dto;
            try { dto = await request.ReadFromJsonAsync<DocumentDto>(ct); }
            catch (JsonException ex) { return Problems.Of(400, $"The body is not valid JSON: {ex.Message}"); }
            document = SubmissionValidator.DecodeDocument(dto is null ? null : dto with { MediaType = dto.MediaType ?? "application/octet-stream" },
                "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        }
        else return Problems.Of(415, "Send application/json or multipart/form-data.");

        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (document is null) return Problems.Invalid(errors);
        return TypedResults.Ok(validation.Validate(document.Name, document.Content, document.DetachedSignature));
    }

    /// <summary>
    /// Seals a document with the agency's key from configuration; B-T when Signatures:TsaUrl is set. When the TSA does not
    /// answer, the seal is kept and finished later: 202 with Location /api/v1/signatures/seal/{id} (see <see cref="AgencySeal"/>).
    /// An optional dossierCode (a dossier the caller may read) links a held seal to that dossier's view.
    /// </summary>
    public static async Task<Results<Ok<SignedDocument>, Accepted<HeldSealView>, ValidationProblem, ProblemHttpResult>> Seal(
        SealRequest request, AgencySeal seal, IDossierStore dossiers, LimitsOptions limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(new DocumentDto(request.Name, request.MediaType, request.Content, request.DetachedSignature),
            "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        CheckDossierCode(request.DossierCode, errors);
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (doc is null || errors.Count > 0) return Problems.Invalid(errors);
        if (await DossierRefusal(request.DossierCode, dossiers, user, ct) is { } refused) return refused;
        return await seal.SealAsync(doc, SealOwner(user), ct, request.DossierCode) switch
        {
            SealOutcome.Sealed s => TypedResults.Ok(s.Document),
            SealOutcome.Held h => TypedResults.Accepted(h.View.Location, h.View),
            SealOutcome.Refused r => Problems.Of(r.Status, r.Detail),
            var other => throw new InvalidOperationException($"Unknown seal outcome {other}"),
        };
    }

    /// <summary>A held seal: 200 with the sealed document once done, 202 with its state until then; 404 for an unknown id or another caller's.</summary>
    public static async Task<Results<Ok<SignedDocument>, Accepted<HeldSealView>, ProblemHttpResult>> HeldSeal(
        string id, AgencySeal seal, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await seal.FindAsync(id, SealOwner(user), ct) is not { } held) return Problems.Of(404, $"No held seal {id}.");
        var view = HeldSealView.Of(held);
        return held.Result is { } result
            ? TypedResults.Ok(seal.Document(held.Name, held.MediaType, held.Mode, result))
            : TypedResults.Accepted(view.Location, view);
    }

    /// <summary>Who asked for a seal: only they see it held (the scheme keeps an API key and a staff account of one name apart).</summary>
    private static string SealOwner(ClaimsPrincipal user) => $"{user.Identity?.AuthenticationType}:{user.Identity?.Name}";

    /// <summary>
    /// Raises a signed document to B-LT or B-LTA: JSON { name, mediaType, content, detachedSignature, to, dossierCode } as
    /// for validate (for a detached signature, content is the signed document and detachedSignature the signature to
    /// augment). When the TSA, an OCSP responder or a CRL host does not answer, the request is kept and finished later:
    /// 202 with Location /api/v1/signatures/augment/{id} (see <see cref="Sealing.HeldAugmentation"/>). Refusals are at
    /// once and store nothing: 422 (the reason in "reason"), 502 when the TSA answers with no usable token, 503 when a
    /// TSA is needed and none is configured.
    /// </summary>
    public static async Task<Results<Ok<AugmentedDocument>, Accepted<HeldSealView>, ValidationProblem, ProblemHttpResult>> Augment(
        AugmentRequest request, HeldAugmentation augmentation, IDossierStore dossiers, LimitsOptions limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(new DocumentDto(request.Name, request.MediaType ?? "application/octet-stream", request.Content, request.DetachedSignature),
            "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        AugmentationTarget? target = request.To switch { "lt" => AugmentationTarget.Lt, "lta" => AugmentationTarget.Lta, _ => null };
        if (target is null) errors["to"] = ["must be lt or lta"];
        CheckDossierCode(request.DossierCode, errors);
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (doc is null || target is null || errors.Count > 0) return Problems.Invalid(errors);
        if (await DossierRefusal(request.DossierCode, dossiers, user, ct) is { } refused) return refused;

        return await augmentation.AugmentAsync(doc, target.Value, SealOwner(user), request.DossierCode, ct) switch
        {
            AugmentOutcome.Augmented a => TypedResults.Ok(a.Document),
            AugmentOutcome.Held h => TypedResults.Accepted(h.View.Location, h.View),
            AugmentOutcome.Refused r => Problems.Of(r.Status, r.Detail, new Dictionary<string, object?> { ["reason"] = r.Reason }),
            var other => throw new InvalidOperationException($"Unknown augment outcome {other}"),
        };
    }

    /// <summary>A held augmentation: 200 with the augmented signature once done, 202 with its state until then; 404 for an unknown id or another caller's.</summary>
    public static async Task<Results<Ok<AugmentedDocument>, Accepted<HeldSealView>, ProblemHttpResult>> HeldAugment(
        string id, HeldAugmentation augmentation, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await augmentation.FindAsync(id, SealOwner(user), ct) is not { } held) return Problems.Of(404, $"No held augmentation {id}.");
        var view = HeldSealView.Of(held);
        return held.Result is { } result
            ? TypedResults.Ok(augmentation.Document(held, result))
            : TypedResults.Accepted(view.Location, view);
    }

    private static void CheckDossierCode(string? code, Dictionary<string, string[]> errors)
    {
        if (code is not null && (string.IsNullOrWhiteSpace(code) || code.Length > 100)) errors["dossierCode"] = ["is a dossier code, or left out"];
    }

    /// <summary>The dossier a request names must be one the caller may read (GET /dossiers/{code}'s rule); null when none is named.</summary>
    private static async Task<ProblemHttpResult?> DossierRefusal(string? code, IDossierStore dossiers, ClaimsPrincipal user, CancellationToken ct) =>
        code is null ? null : DossiersApi.Refusal(await dossiers.GetAsync(code, ct), code, user);

    private static async Task<byte[]> ReadAll(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

/// <summary>The body of POST /signatures/augment: a document as for validate, the level wanted (lt or lta), optionally the dossier it belongs to.</summary>
public sealed record AugmentRequest(string? Name, string? MediaType, Base64Bytes? Content, Base64Bytes? DetachedSignature, string? To, string? DossierCode = null);

/// <summary>The body of POST /signatures/seal: the document to seal, optionally the dossier it belongs to.</summary>
public sealed record SealRequest(string? Name, string? MediaType, Base64Bytes? Content, Base64Bytes? DetachedSignature, string? DossierCode = null);

/// <summary>The augmented signature (base64: the document itself, or the detached .p7s), its level and its validation report.</summary>
public sealed record AugmentedDocument(string Name, string MediaType, string Content, string Level, ValidationReport Report);

/// <summary>A signed document (base64) with its mode and its validation report.</summary>
public sealed record SignedDocument(string Name, string MediaType, string Content, string Mode, ValidationReport Report);
