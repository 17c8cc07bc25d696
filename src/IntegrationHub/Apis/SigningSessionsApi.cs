using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Apis;

/// <summary>
/// Two-step signing for citizens whose key stays on a token or with a remote-signing provider: the document and
/// the signer's certificate in, the digest to sign out; the signature value in, the signed document and its report out.
/// </summary>
public static class SigningSessionsApi
{
    public static RouteGroupBuilder MapSigningSessionsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/signing-sessions").WithTags("Signing sessions").RequireAuthorization(AuthExtensions.Portal);
        api.MapPost("/", Open);
        api.MapPost("/{id}/complete", Complete);
        return api;
    }

    public static async Task<Results<Created<SessionOpened>, ValidationProblem, ProblemHttpResult>> Open(
        SessionRequest request, SigningSessions sessions, LimitsOptions limits, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? tooLarge = null;
        var doc = SubmissionValidator.DecodeDocument(request.Document, "document", limits, (f, m) => errors[f] = [m], ref tooLarge);
        if (tooLarge is not null) return Problems.Of(413, tooLarge);
        var certificate = ReadCertificate(request.SignerCertificate, errors);
        var digest = request.DigestAlgorithm?.ToUpperInvariant() switch
        {
            null or "SHA256" => HashAlgorithmName.SHA256,
            "SHA384" => HashAlgorithmName.SHA384,
            "SHA512" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (digest is null) errors["digestAlgorithm"] = ["must be SHA256, SHA384 or SHA512"];
        if (doc is null || certificate is null || digest is null) return Problems.Invalid(errors);

        var mode = request.Mode ?? SigningModes.For(doc.MediaType);
        if (SignerRegistry.Find(mode) is not { } signer) return Problems.Of(422, $"Unknown or unavailable signing mode '{mode}'.");
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            return Problems.Of(422, "The signer's certificate is not valid now.");
        PreparedSignature prepared;
        try { prepared = signer.Prepare(doc.Content, certificate, new SigningParameters(now, digest.Value)); }
        catch (NotImplementedException) { return Problems.Of(501, $"Signing as {mode} is not available in this build."); }
        catch (SignatureFormatException ex) { return Problems.Of(422, $"The document cannot be signed: {ex.Message}"); }

        var session = await sessions.OpenAsync(doc.Name, doc.MediaType, doc.Content, prepared, signer, ct);
        return TypedResults.Created($"/api/v1/signing-sessions/{session.Id}", new SessionOpened(session.Id, session.ExpiresAt, mode,
            Convert.ToBase64String(prepared.Digest), prepared.DigestAlgorithm.Name!, prepared.SignatureAlgorithm.KeyAlgorithm,
            prepared.SignatureAlgorithm.Padding, Convert.ToBase64String(prepared.DataToBeSigned)));
    }

    public static async Task<Results<Ok<SignedDocument>, ValidationProblem, ProblemHttpResult>> Complete(
        string id, CompleteRequest request, SigningSessions sessions, IDocumentValidation validation, CancellationToken ct)
    {
        byte[] value;
        try { value = Convert.FromBase64String(request.SignatureValue ?? ""); }
        catch (FormatException) { return Problems.Invalid(new() { ["signatureValue"] = ["must be base64"] }); }
        if (value.Length == 0) return Problems.Invalid(new() { ["signatureValue"] = ["is required (base64)"] });

        var (lookup, session) = await sessions.TryBeginAsync(id, ct);
        switch (lookup)
        {
            case SigningSessions.Lookup.Unknown: return Problems.Of(404, "No such signing session (unknown, or already completed).");
            case SigningSessions.Lookup.Expired: return Problems.Of(410, "The signing session has expired.");
            case SigningSessions.Lookup.Busy: return Problems.Of(409, "The signing session is being completed.");
            case SigningSessions.Lookup.Unusable: return Problems.Of(409, "The signing session cannot be completed any more: open a new one.");
        }
        byte[] signed;
        try
        {
            if (!SignatureValues.Verify(session!.Prepared, value))
            {
                await sessions.ReopenAsync(session, CancellationToken.None);
                return Problems.Of(422, "The signature value does not verify with the signer's certificate over the digest.");
            }
            signed = await session.Signer.CompleteAsync(session.Prepared, value, null, ct);
        }
        catch
        {
            await sessions.ReopenAsync(session!, CancellationToken.None);
            throw;
        }
        await sessions.CompleteAsync(session, CancellationToken.None);
        var detached = session.Signer.Mode == "cades-detached";
        var name = session.Signer.Mode.StartsWith("cades", StringComparison.Ordinal) ? session.Name + ".p7s" : session.Name;
        var mediaType = session.Signer.Mode.StartsWith("cades", StringComparison.Ordinal) ? "application/pkcs7-signature" : session.MediaType;
        ValidationReport report = detached
            ? validation.Validate(session.Name, session.Content, signed)
            : validation.Validate(name, signed, null);
        return TypedResults.Ok(new SignedDocument(name, mediaType, Convert.ToBase64String(signed), session.Signer.Mode, report));
    }

    private static X509Certificate2? ReadCertificate(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors["signerCertificate"] = ["is required (base64 DER or PEM)"]; return null; }
        try
        {
            return text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            errors["signerCertificate"] = ["is not a certificate (base64 DER or PEM)"];
            return null;
        }
    }
}

public sealed record SessionRequest(DocumentDto? Document, string? SignerCertificate, string? Mode, string? DigestAlgorithm);

public sealed record SessionOpened(string Id, DateTimeOffset ExpiresAt, string Mode, string Digest, string DigestAlgorithm,
    string SignatureAlgorithm, string? Padding, string DataToBeSigned);

public sealed record CompleteRequest(string? SignatureValue);
