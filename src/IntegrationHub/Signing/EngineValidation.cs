using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signing;

/// <summary>
/// The signature engine as configured: trust anchors from Signatures:TrustAnchors (files or folders), the crypto
/// policy from Signatures:Policy. One validator per process, so its path cache serves every request.
/// </summary>
public sealed class EngineValidation : IDocumentValidation
{
    private readonly SignatureValidator validator;
    private readonly ValidationOptions options;

    /// <summary>Trust, policy and an offline path validator: what augmentation checks its results with.</summary>
    public ValidationOptions Options => options;

    /// <summary>The anchors in use (the admin console lists them).</summary>
    public TrustStore Trust { get; }

    public EngineValidation(IConfiguration configuration, IHostEnvironment environment, TimeProvider time, ILogger<EngineValidation> logger)
    {
        var paths = new List<string>();
        foreach (var configured in configuration.GetSection("Signatures:TrustAnchors").Get<string[]>() ?? [])
        {
            var path = Path.GetFullPath(configured, environment.ContentRootPath);
            if (File.Exists(path) || Directory.Exists(path)) paths.Add(path);
            else logger.LogWarning("Trust anchor path {Path} does not exist; skipped", path);
        }
        var trust = Trust = TrustStore.FromFiles(paths);
        logger.LogInformation("Signature validation trusts {Count} anchors", trust.Anchors.Count);
        var policy = CryptoPolicy.Load(configuration["Signatures:Policy"] is { Length: > 0 } p ? p : "vn-default");
        options = new ValidationOptions(new CertificatePathValidator(trust, new RevocationOptions(), time)) { Policy = policy };
        validator = new SignatureValidator(time);
    }

    public ValidationReport Validate(string name, byte[] content, byte[]? detachedSignature)
    {
        // For a detached signature the signature is the file to read and the document its signed content.
        using var file = new MemoryStream(detachedSignature ?? content, writable: false);
        using var detached = detachedSignature is null ? null : new MemoryStream(content, writable: false);
        return validator.Validate(new SignedFile(name, file, detached), options);
    }

    public static ValidationReport NotSigned(string name) =>
        new(name, "UNKNOWN", Indication.TotalFailed, []) { SubIndication = SubIndication.SignedDataNotFound, Errors = ["No signature found."] };
}
