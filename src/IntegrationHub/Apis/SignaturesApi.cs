using System.Security.Claims;
using System.Text.Json;
using IntegrationHub.Dossiers;
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
    /// </summary>
    public static async Task<Results<Ok<SignedDocument>, Accepted<HeldSealView>, ValidationProblem, ProblemHttpResult>> Seal(
        DocumentDto document, AgencySeal seal, LimitsOptions limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(document, "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (doc is null) return Problems.Invalid(errors);
        return await seal.SealAsync(doc, SealOwner(user), ct) switch
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
    /// Raises a signed document to B-LT or B-LTA: JSON { name, mediaType, content, detachedSignature, to } as for validate
    /// (for a detached signature, content is the signed document and detachedSignature the signature to augment).
    /// 422 when refused (the reason in "reason"), 502 when the TSA fails, 503 when a TSA is needed and none is configured.
    /// </summary>
    public static async Task<Results<Ok<AugmentedDocument>, ValidationProblem, ProblemHttpResult>> Augment(
        AugmentRequest request, EngineAugmentation augmentation, LimitsOptions limits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(new DocumentDto(request.Name, request.MediaType ?? "application/octet-stream", request.Content, request.DetachedSignature),
            "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        AugmentationTarget? target = request.To switch { "lt" => AugmentationTarget.Lt, "lta" => AugmentationTarget.Lta, _ => null };
        if (target is null) errors["to"] = ["must be lt or lta"];
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (doc is null || target is null) return Problems.Invalid(errors);

        var signature = doc.DetachedSignature ?? doc.Content;
        var content = doc.DetachedSignature is null ? null : doc.Content;
        try
        {
            var result = await augmentation.AugmentAsync(signature, content, target.Value, ct);
            var name = doc.DetachedSignature is null ? doc.Name : Path.GetFileNameWithoutExtension(doc.Name) + ".p7s";
            var mediaType = doc.DetachedSignature is null ? doc.MediaType : "application/pkcs7-signature";
            return TypedResults.Ok(new AugmentedDocument(name, mediaType, Convert.ToBase64String(result.Document),
                result.Report.Signatures[0].Level ?? "", result.Report));
        }
        catch (AugmentationRefusedException e)
        {
            var status = e.Reason switch { "TSA_FAILED" => 502, "TSA_NEEDED" => 503, _ => 422 };
            return Problems.Of(status, e.Message, new Dictionary<string, object?> { ["reason"] = e.Reason });
        }
    }

    private static async Task<byte[]> ReadAll(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

/// <summary>The body of POST /signatures/augment: a document as for validate, and the level wanted (lt or lta).</summary>
public sealed record AugmentRequest(string? Name, string? MediaType, Base64Bytes? Content, Base64Bytes? DetachedSignature, string? To);

/// <summary>The augmented signature (base64: the document itself, or the detached .p7s), its level and its validation report.</summary>
public sealed record AugmentedDocument(string Name, string MediaType, string Content, string Level, ValidationReport Report);

/// <summary>A signed document (base64) with its mode and its validation report.</summary>
public sealed record SignedDocument(string Name, string MediaType, string Content, string Mode, ValidationReport Report);
