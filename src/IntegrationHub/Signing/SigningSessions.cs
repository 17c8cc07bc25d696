using System.Collections.Concurrent;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signing;

/// <summary>One two-step signing: the prepared signature waits for the signer's value until it expires.</summary>
public sealed class SigningSession(string id, string name, string mediaType, byte[] content, PreparedSignature prepared, IDocumentSigner signer, DateTimeOffset expiresAt)
{
    public string Id => id;
    public string Name => name;
    public string MediaType => mediaType;
    /// <summary>The document being signed (the signed data of a detached signature).</summary>
    public byte[] Content => content;
    public PreparedSignature Prepared => prepared;
    public IDocumentSigner Signer => signer;
    public DateTimeOffset ExpiresAt => expiresAt;

    // 0 open, 1 being completed, 2 completed: one completion wins, a failed one reopens the session.
    private int state;
    public bool TryBegin() => Interlocked.CompareExchange(ref state, 1, 0) == 0;
    public void Reopen() => Volatile.Write(ref state, 0);
    public void Finish() => Volatile.Write(ref state, 2);
}

/// <summary>Open sessions in memory. They expire (TimeProvider) and complete once.</summary>
public sealed class SigningSessions(TimeProvider time, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, SigningSession> sessions = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(configuration.GetValue("Signatures:SigningSessionMinutes", 15));

    public SigningSession Open(string name, string mediaType, byte[] content, PreparedSignature prepared, IDocumentSigner signer)
    {
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var session = new SigningSession(id, name, mediaType, content, prepared, signer, time.GetUtcNow() + Lifetime);
        sessions[id] = session;
        return session;
    }

    public enum Lookup { Found, Unknown, Expired, Busy }

    /// <summary>Finds an open session and marks it busy; the caller must Finish or Reopen it.</summary>
    public Lookup TryBegin(string id, out SigningSession? session)
    {
        if (!sessions.TryGetValue(id, out session)) return Lookup.Unknown;
        if (time.GetUtcNow() >= session.ExpiresAt)
        {
            sessions.TryRemove(id, out _);
            return Lookup.Expired;
        }
        return session.TryBegin() ? Lookup.Found : Lookup.Busy;
    }

    public void Complete(SigningSession session)
    {
        session.Finish();
        sessions.TryRemove(session.Id, out _);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, s) in sessions)
            if (now >= s.ExpiresAt) sessions.TryRemove(id, out _);
    }
}
