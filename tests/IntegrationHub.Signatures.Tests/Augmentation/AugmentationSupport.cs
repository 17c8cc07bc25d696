using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Augmentation;

/// <summary>The engine set up as `hub augment` and `hub verify` set it up, over a <see cref="LongTermPki"/>.</summary>
public static class AugmentationSupport
{
    public static readonly byte[] Content = "Hồ sơ 000.00.12.H12-261207-0001: đơn đề nghị cấp phép xây dựng."u8.ToArray();

    /// <summary>Offline validation options: the anchor only, no network; what the file carries is all there is.</summary>
    public static ValidationOptions Offline(LongTermPki pki, DateTimeOffset? at = null) =>
        new(new CertificatePathValidator(pki.Trust, new RevocationOptions(), TimeProvider.System)) { At = at };

    public static AugmentationOptions Online(LongTermPki pki, Servers servers, ValidationDataSources? sources = null) =>
        new(Offline(pki), pki.Trust, sources ?? ValidationDataSources.Online(servers.Http, TimeProvider.System, new RevocationOptions { HttpTimeout = TimeSpan.FromSeconds(5) }))
        {
            Timestamps = servers.TsaClient,
        };

    public static ValidationReport Validate(byte[] signature, byte[] content, ValidationOptions options)
    {
        using var file = new MemoryStream(signature);
        using var detached = new MemoryStream(content);
        return new SignatureValidator(TimeProvider.System).Validate(new SignedFile("signature.p7s", file, detached), options);
    }

    public static SignatureEvidence Evidence(byte[] signature, byte[] content)
    {
        using var file = new MemoryStream(signature);
        using var detached = new MemoryStream(content);
        return new CmsSignatureFormat().Read(new SignedFile("signature.p7s", file, detached)).Single();
    }
}
