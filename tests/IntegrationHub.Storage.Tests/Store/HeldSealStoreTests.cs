using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>Seals held while the TSA is down (0010): claimed once with a lease, finished once, dead letters replayed by an admin.</summary>
public sealed class HeldSealStoreTests
{
    private static Task Hold(TestStore t, string id, DateTimeOffset? firstAttempt = null) =>
        t.Store.HoldSealAsync(id, "agency", "ket-qua.txt", "text/plain", "cades-attached", "timestamp", "http://127.0.0.1:9/tsa",
            [1, 2, 3], "connection refused", firstAttempt ?? t.Time.GetUtcNow());

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Held_seal_is_claimed_by_one_of_concurrent_claims_and_comes_back_when_its_lease_runs_out(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await Hold(t, "h1");
        var held = await t.Store.GetHeldSealAsync("h1");
        Assert.Equal(HeldSealState.Waiting, held!.State);
        Assert.Equal([1, 2, 3], held.Document);
        Assert.Equal("connection refused", held.LastError);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)))));
        Assert.Single(claims.SelectMany(c => c), s => s.Id == "h1");
        Assert.Empty(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));

        t.Time.Advance(TimeSpan.FromMinutes(2));   // the claiming job died: the row is due again
        Assert.Equal("h1", Assert.Single(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2))).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Completed_seal_keeps_its_result_drops_the_held_document_and_completes_once(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await Hold(t, "h2");

        Assert.True(await t.Store.CompleteHeldSealAsync("h2", [9, 9]));
        Assert.False(await t.Store.CompleteHeldSealAsync("h2", [7]));
        var done = await t.Store.GetHeldSealAsync("h2");
        Assert.Equal(HeldSealState.Done, done!.State);
        Assert.Equal([9, 9], done.Result);
        Assert.Empty(done.Document);
        Assert.Equal(t.Time.GetUtcNow(), done.CompletedAt);
        Assert.Empty(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));
        Assert.Equal(2, await t.CountAsync("audit_log", "subject = @s", new { s = "seal:h2" }));   // held, timestamped
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Failed_attempts_wait_then_a_dead_letter_is_listed_and_replayed_once(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await Hold(t, "h3");
        Assert.True(await t.Store.FailHeldSealAsync("h3", "timeout", t.Time.GetUtcNow().AddMinutes(5)));
        Assert.Empty(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));
        t.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, Assert.Single(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2))).Attempts);

        Assert.True(await t.Store.FailHeldSealAsync("h3", "still down", null));
        Assert.False(await t.Store.FailHeldSealAsync("h3", "again", null));
        var dead = Assert.Single(await t.Store.ListHeldSealsAsync(HeldSealState.Dead, 50));
        Assert.Equal(("h3", 2, "still down"), (dead.Id, dead.Attempts, dead.LastError));
        Assert.Empty(await t.Store.ListHeldSealsAsync(HeldSealState.Waiting, 50));
        t.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));   // dead letters are not retried

        Assert.True(await t.Store.ReplayHeldSealAsync("h3", "admin"));
        Assert.False(await t.Store.ReplayHeldSealAsync("h3", "admin"));
        var replayed = Assert.Single(await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));
        Assert.Equal((HeldSealState.Waiting, 0), (replayed.State, replayed.Attempts));
        Assert.Equal(1, await t.CountAsync("audit_log", "subject = @s AND action = 'seal.requeued' AND actor = 'admin'", new { s = "seal:h3" }));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Held_seal_survives_a_reopened_store_and_unknown_ids_are_null(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await Hold(t, "h4", t.Time.GetUtcNow().AddMinutes(1));
        var reopened = await t.ReopenAsync();
        Assert.Empty(await reopened.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2)));
        t.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("h4", Assert.Single(await reopened.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2))).Id);
        Assert.Null(await reopened.GetHeldSealAsync("nope"));
        Assert.False(await reopened.CompleteHeldSealAsync("nope", [1]));
    }
}
