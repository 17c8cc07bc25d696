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

/// <summary>Held augmentations (0011): the same table, told apart by kind, with the detached content and the dossier they belong to.</summary>
public sealed class HeldAugmentationStoreTests
{
    private static Task HoldAugment(TestStore t, string id, string? dossier) =>
        t.Store.HoldSealAsync(id, "agency", "giay-phep.txt", "text/plain", "lt", "timestamp", "http://127.0.0.1:9/tsa",
            [4, 5], "connection refused", t.Time.GetUtcNow(), kind: HeldKinds.Augment, detached: [6, 7], dossierCode: dossier);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Held_augmentation_keeps_kind_content_and_dossier_and_the_dossier_lists_it_until_it_is_done(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await t.Store.HoldSealAsync("s1", "agency", "ket-qua.txt", "text/plain", "cades-attached", "timestamp", "http://127.0.0.1:9/tsa",
            [1], "refused", t.Time.GetUtcNow());
        await HoldAugment(t, "a1", null);

        var seal = await t.Store.GetHeldSealAsync("s1");
        Assert.Equal((HeldKinds.Seal, null, null), (seal!.Kind, seal.Detached, seal.DossierCode));
        var held = await t.Store.GetHeldSealAsync("a1");
        Assert.Equal((HeldKinds.Augment, "lt", "timestamp"), (held!.Kind, held.Mode, held.Step));
        Assert.Equal([4, 5], held.Document);
        Assert.Equal([6, 7], held.Detached);
        Assert.Equal("a1", Assert.Single(await t.Store.ListHeldSealsAsync(null, 50, kind: HeldKinds.Augment)).Id);
        Assert.Equal("s1", Assert.Single(await t.Store.ListHeldSealsAsync(null, 50, kind: HeldKinds.Seal)).Id);
        Assert.Equal(2, (await t.Store.ClaimDueHeldSealsAsync(10, TimeSpan.FromMinutes(2))).Count);

        // A later attempt meets another service down: the row now names it.
        Assert.True(await t.Store.FailHeldSealAsync("a1", "ocsp refused", t.Time.GetUtcNow(), step: "revocation", serviceUrl: "http://127.0.0.1:8/ocsp"));
        var moved = await t.Store.GetHeldSealAsync("a1");
        Assert.Equal(("revocation", "http://127.0.0.1:8/ocsp", 1), (moved!.Step, moved.TsaUrl, moved.Attempts));
        Assert.True(await t.Store.FailHeldSealAsync("s1", "still refused", t.Time.GetUtcNow()));
        Assert.Equal(("timestamp", "http://127.0.0.1:9/tsa"), ((await t.Store.GetHeldSealAsync("s1"))!.Step, (await t.Store.GetHeldSealAsync("s1"))!.TsaUrl));

        Assert.True(await t.Store.CompleteHeldSealAsync("a1", [8]));
        var done = await t.Store.GetHeldSealAsync("a1");
        Assert.Equal(HeldSealState.Done, done!.State);
        Assert.Empty(done.Document);
        Assert.Equal([6, 7], done.Detached);   // the report of the detached result needs its content
        Assert.Equal(1, await t.CountAsync("audit_log", "subject = @s AND action = 'augment.held'", new { s = "seal:a1" }));
        Assert.Equal(1, await t.CountAsync("audit_log", "subject = @s AND action = 'augment.done'", new { s = "seal:a1" }));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_dossiers_open_rows_are_its_waiting_ones_and_dead_letters_not_the_done_ones_nor_other_dossiers(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        await HoldAugment(t, "w", "HS-1");
        await HoldAugment(t, "d", "HS-1");
        await HoldAugment(t, "k", "HS-1");
        await HoldAugment(t, "o", "HS-2");
        Assert.True(await t.Store.FailHeldSealAsync("d", "gave up", null));
        Assert.True(await t.Store.CompleteHeldSealAsync("k", [1]));

        var open = await t.Store.ListOpenHeldForDossierAsync("HS-1");
        Assert.Equal(["w", "d"], open.Select(o => o.Id).Order().Reverse().ToArray());
        Assert.All(open, o => Assert.Equal("HS-1", o.DossierCode));
        Assert.Empty(await t.Store.ListOpenHeldForDossierAsync("HS-3"));
        Assert.True(await t.Store.ReplayHeldSealAsync("d", "admin:root"));
        Assert.Equal(1, await t.CountAsync("audit_log", "subject = @s AND action = 'augment.requeued' AND actor = 'admin:root'", new { s = "seal:d" }));
    }
}
