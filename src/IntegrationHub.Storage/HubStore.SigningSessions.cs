using Dapper;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

/// <summary>What a two-step signing session keeps between its two calls (migration 0006).</summary>
public sealed record StoredSigningSession(
    string Id, string Name, string MediaType, string Mode, byte[] Content, byte[] SignerCertificate, string DigestAlgorithm,
    DateTimeOffset SigningTime, byte[] Digest, DateTimeOffset ExpiresAt);

public enum SigningSessionClaim { Claimed, Unknown, Expired, Busy }

public sealed partial class HubStore
{
    /// <summary>A completion that crashed mid-way gives its session back after this long.</summary>
    public static readonly TimeSpan SigningClaimTimeout = TimeSpan.FromMinutes(2);

    public async Task SaveSigningSessionAsync(StoredSigningSession s, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(s);
        var now = _time.GetUtcNow();
        await WriteAsync(async (c, tx) =>
        {
            // Expired sessions hold documents: they go when new ones come, a day late so a late completion still hears 410.
            await c.ExecuteAsync(Cmd("DELETE FROM signing_sessions WHERE expires_ms <= @before", new { before = Instants.ToMs(now.AddDays(-1)) }, tx, ct));
            await c.ExecuteAsync(Cmd(
                "INSERT INTO signing_sessions (id, name, media_type, mode, content, signer_certificate, digest_algorithm, signing_time, digest, created_at, expires_ms, state) " +
                "VALUES (@Id, @Name, @MediaType, @Mode, @Content, @SignerCertificate, @DigestAlgorithm, @SigningTime, @Digest, @CreatedAt, @ExpiresMs, 'open')",
                new
                {
                    s.Id, s.Name, s.MediaType, s.Mode, s.Content, s.SignerCertificate, s.DigestAlgorithm, SigningTime = Instants.ToText(s.SigningTime),
                    s.Digest, CreatedAt = Instants.ToText(now), ExpiresMs = Instants.ToMs(s.ExpiresAt),
                }, tx, ct));
            return 0;
        }, ct);
    }

    /// <summary>
    /// Takes the session for one completion: a single conditional UPDATE, so of two concurrent completions (on one node
    /// or two) exactly one claims it. The caller then calls <see cref="FinishSigningSessionAsync"/> or <see cref="ReleaseSigningSessionAsync"/>.
    /// </summary>
    public async Task<(SigningSessionClaim Claim, StoredSigningSession? Session)> ClaimSigningSessionAsync(string id, CancellationToken ct = default)
    {
        var now = Instants.ToMs(_time.GetUtcNow());
        var stale = now - (long)SigningClaimTimeout.TotalMilliseconds;
        return await WriteAsync(async (c, tx) =>
        {
            var claimed = await c.ExecuteAsync(Cmd(
                "UPDATE signing_sessions SET state = 'busy', claimed_ms = @now " +
                "WHERE id = @id AND expires_ms > @now AND (state = 'open' OR (state = 'busy' AND claimed_ms < @stale))",
                new { id, now, stale }, tx, ct));
            var row = await c.QuerySingleOrDefaultAsync<SessionRow>(Cmd(
                "SELECT id, name, media_type, mode, content, signer_certificate, digest_algorithm, signing_time, digest, expires_ms, state " +
                "FROM signing_sessions WHERE id = @id", new { id }, tx, ct));
            if (row is null || row.State == "done") return (SigningSessionClaim.Unknown, (StoredSigningSession?)null);
            if (claimed == 0) return (row.ExpiresMs <= now ? SigningSessionClaim.Expired : SigningSessionClaim.Busy, null);
            return (SigningSessionClaim.Claimed, new StoredSigningSession(row.Id, row.Name, row.MediaType, row.Mode, row.Content, row.SignerCertificate,
                row.DigestAlgorithm, Instants.Parse(row.SigningTime), row.Digest, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresMs)));
        }, ct);
    }

    /// <summary>Gives a claimed session back (the value did not verify): it can be completed again until it expires.</summary>
    public Task ReleaseSigningSessionAsync(string id, CancellationToken ct = default)
        => WriteAsync((c, tx) => c.ExecuteAsync(Cmd("UPDATE signing_sessions SET state = 'open', claimed_ms = NULL WHERE id = @id AND state = 'busy'",
            new { id }, tx, ct)), ct);

    /// <summary>Marks the session used; its document is dropped (only the id stays, so a reuse is told apart from a typo).</summary>
    public Task FinishSigningSessionAsync(string id, CancellationToken ct = default)
        => WriteAsync((c, tx) => c.ExecuteAsync(Cmd("UPDATE signing_sessions SET state = 'done', content = @empty WHERE id = @id",
            new { id, empty = Array.Empty<byte>() }, tx, ct)), ct);

    private sealed class SessionRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string MediaType { get; set; } = "";
        public string Mode { get; set; } = "";
        public byte[] Content { get; set; } = [];
        public byte[] SignerCertificate { get; set; } = [];
        public string DigestAlgorithm { get; set; } = "";
        public string SigningTime { get; set; } = "";
        public byte[] Digest { get; set; } = [];
        public long ExpiresMs { get; set; }
        public string State { get; set; } = "";
    }
}
