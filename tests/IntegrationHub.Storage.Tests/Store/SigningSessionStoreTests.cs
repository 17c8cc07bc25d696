using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class SigningSessionStoreTests
{
    private static StoredSigningSession Session(string id, DateTimeOffset expiresAt) =>
        new(id, "don.txt", "text/plain", "cades-detached", [1, 2, 3], [4, 5], "SHA256", expiresAt.AddMinutes(-15), [6, 7], expiresAt);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_concurrent_claims_exactly_one_wins_and_a_finished_session_is_gone(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await t.Store.SaveSigningSessionAsync(Session("s1", t.Time.GetUtcNow().AddMinutes(15)));

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => t.Store.ClaimSigningSessionAsync("s1"))));

        var winner = Assert.Single(claims, c => c.Claim == SigningSessionClaim.Claimed);
        Assert.Equal([1, 2, 3], winner.Session!.Content);
        Assert.All(claims.Where(c => c.Claim != SigningSessionClaim.Claimed), c => Assert.Equal(SigningSessionClaim.Busy, c.Claim));
        await t.Store.FinishSigningSessionAsync("s1");
        Assert.Equal(SigningSessionClaim.Unknown, (await t.Store.ClaimSigningSessionAsync("s1")).Claim);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_released_session_can_be_claimed_again_until_it_expires(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await t.Store.SaveSigningSessionAsync(Session("s2", t.Time.GetUtcNow().AddMinutes(15)));

        Assert.Equal(SigningSessionClaim.Claimed, (await t.Store.ClaimSigningSessionAsync("s2")).Claim);
        Assert.Equal(SigningSessionClaim.Busy, (await t.Store.ClaimSigningSessionAsync("s2")).Claim);
        await t.Store.ReleaseSigningSessionAsync("s2");
        Assert.Equal(SigningSessionClaim.Claimed, (await t.Store.ClaimSigningSessionAsync("s2")).Claim);
        t.Time.Advance(HubStore.SigningClaimTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(SigningSessionClaim.Claimed, (await t.Store.ClaimSigningSessionAsync("s2")).Claim); // a crashed completion gives it back
        await t.Store.ReleaseSigningSessionAsync("s2");
        t.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SigningSessionClaim.Expired, (await t.Store.ClaimSigningSessionAsync("s2")).Claim);
        Assert.Equal(SigningSessionClaim.Unknown, (await t.Store.ClaimSigningSessionAsync("nope")).Claim);
    }
}
