using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Creation.Pkcs11;
using IntegrationHub.Signatures.Formats;
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
            var form = await request.ReadFormAsync(ct);
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

    /// <summary>Seals a document with the agency's key from configuration; B-T when Signatures:TsaUrl is set.</summary>
    public static async Task<Results<Ok<SignedDocument>, ValidationProblem, ProblemHttpResult>> Seal(
        DocumentDto document, SealKey seal, IDocumentValidation validation, LimitsOptions limits,
        IConfiguration configuration, IHttpClientFactory httpClients, TimeProvider time, ILogger<SealKey> log, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(document, "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        if (doc is null) return Problems.Invalid(errors);
        if (seal.Signer is not { } key) return Problems.Of(503, "No seal key is configured (Signing:Pkcs11:Library or Signatures:Seal:P12Path).");
        var mode = SigningModes.For(doc.MediaType);
        if (SignerRegistry.Find(mode) is not { } signer) return Problems.Of(501, $"Sealing as {mode} is not available in this build.");

        var tsaUrl = configuration["Signatures:TsaUrl"];
        var withTimestamp = !string.IsNullOrWhiteSpace(tsaUrl);
        var parameters = new SigningParameters(time.GetUtcNow(), HashAlgorithmName.SHA256, WithTimestamp: withTimestamp);
        var tsa = withTimestamp ? new HttpTimestampClient(httpClients.CreateClient("tsa"), new Uri(tsaUrl!)) : null;
        byte[] signed;
        try
        {
            var prepared = signer.Prepare(doc.Content, key.Certificate, parameters);
            signed = await signer.CompleteAsync(prepared, key.SignDigest(prepared), tsa, ct);
        }
        catch (Pkcs11KeyException ex)
        {
            // The HSM's own words (library, token, key, return code); the PIN is never part of them.
            log.LogError("The seal key in the HSM cannot be used: {Cause}", ex.Message);
            return Problems.Of(503, $"The seal key is unavailable: {ex.Message}");
        }
        catch (NotImplementedException) { return Problems.Of(501, $"Sealing as {mode} is not available in this build."); }
        catch (SignatureFormatException ex) { return Problems.Of(422, $"The document cannot be sealed: {ex.Message}"); }
        catch (HttpRequestException ex) { return Problems.Of(502, $"The time-stamping authority did not answer: {ex.Message}"); }
        var name = mode == "cades-attached" ? doc.Name + ".p7s" : doc.Name;
        var mediaType = mode == "cades-attached" ? "application/pkcs7-mime" : doc.MediaType;
        return TypedResults.Ok(new SignedDocument(name, mediaType, Convert.ToBase64String(signed), mode, validation.Validate(name, signed, null)));
    }

    private static async Task<byte[]> ReadAll(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

/// <summary>A signed document (base64) with its mode and its validation report.</summary>
public sealed record SignedDocument(string Name, string MediaType, string Content, string Mode, ValidationReport Report);
