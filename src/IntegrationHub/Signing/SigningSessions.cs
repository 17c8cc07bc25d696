using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Storage;

namespace IntegrationHub.Signing;

/// <summary>One claimed two-step signing: the prepared signature rebuilt from the stored session, waiting for the signer's value.</summary>
public sealed record SigningSession(string Id, string Name, string MediaType, byte[] Content, PreparedSignature Prepared, IDocumentSigner Signer, DateTimeOffset ExpiresAt);

/// <summary>
/// Signing sessions kept in the store (they survive a restart and are shared by hub nodes). They expire (TimeProvider,
/// Signatures:SigningSessionMinutes) and complete once: <see cref="TryBeginAsync"/> claims a session with one
/// conditional UPDATE, so of two concurrent completions one wins and the other hears Busy (or Unknown once it is done).
/// The prepared signature is not stored: it is rebuilt from the document, certificate, digest algorithm and signing
/// time, and must give the digest the signer was given.
/// </summary>
public sealed class SigningSessions(TimeProvider time, IConfiguration configuration, HubStore store)
{
    public TimeSpan Lifetime => TimeSpan.FromMinutes(configuration.GetValue("Signatures:SigningSessionMinutes", 15));

    public async Task<SigningSession> OpenAsync(string name, string mediaType, byte[] content, PreparedSignature prepared, IDocumentSigner signer, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expiresAt = time.GetUtcNow() + Lifetime;
        await store.SaveSigningSessionAsync(new StoredSigningSession(id, name, mediaType, signer.Mode, content, prepared.SignerCertificate.RawData,
            prepared.DigestAlgorithm.Name!, prepared.Parameters.SigningTime, prepared.Digest, expiresAt), ct);
        return new SigningSession(id, name, mediaType, content, prepared, signer, expiresAt);
    }

    public enum Lookup { Found, Unknown, Expired, Busy, Unusable }

    /// <summary>Claims an open session; the caller must then <see cref="CompleteAsync"/> or <see cref="ReopenAsync"/> it.</summary>
    public async Task<(Lookup Lookup, SigningSession? Session)> TryBeginAsync(string id, CancellationToken ct)
    {
        var (claim, stored) = await store.ClaimSigningSessionAsync(id, ct);
        switch (claim)
        {
            case SigningSessionClaim.Unknown: return (Lookup.Unknown, null);
            case SigningSessionClaim.Expired: return (Lookup.Expired, null);
            case SigningSessionClaim.Busy: return (Lookup.Busy, null);
        }
        var s = stored!;
        if (SignerRegistry.Find(s.Mode) is not { } signer) return await Unusable(id, ct);
        var certificate = X509CertificateLoader.LoadCertificate(s.SignerCertificate);
        var prepared = signer.Prepare(s.Content, certificate, new SigningParameters(s.SigningTime, new HashAlgorithmName(s.DigestAlgorithm)));
        // Preparation is deterministic for a fixed signing time; if it is not (a signer that adds random ids), the
        // signer's value would be over another digest: refuse rather than build a broken signature.
        if (!CryptographicOperations.FixedTimeEquals(prepared.Digest, s.Digest)) return await Unusable(id, ct);
        return (Lookup.Found, new SigningSession(s.Id, s.Name, s.MediaType, s.Content, prepared, signer, s.ExpiresAt));
    }

    private async Task<(Lookup, SigningSession?)> Unusable(string id, CancellationToken ct)
    {
        await store.FinishSigningSessionAsync(id, ct);
        return (Lookup.Unusable, null);
    }

    public Task ReopenAsync(SigningSession session, CancellationToken ct) => store.ReleaseSigningSessionAsync(session.Id, ct);

    public Task CompleteAsync(SigningSession session, CancellationToken ct) => store.FinishSigningSessionAsync(session.Id, ct);
}
