using Dapper;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>
/// Intake's group commit: concurrent TryCreateAsync calls on one store share transactions. Each must still get its own
/// answer, the audit log must stay one verifying chain, duplicates inside a group are settled as before, and an item
/// that fails must not take the rest of its group with it.
/// </summary>
public sealed class GroupCommitTests
{
    /// <summary>
    /// Makes the calls at once while another connection holds the writer (SQLite's write lock, PostgreSQL's audit head
    /// row) until every call has been made: the first group waits and the others gather behind it. Without the hold, a
    /// fast machine could finish each call before the next arrived, and nothing would be grouped although grouping works.
    /// </summary>
    private static async Task<T[]> AllAtOnce<T>(TestStore t, int count, Func<int, Task<T>> create)
    {
        var started = 0;
        Task<T[]> all;
        await using (var holder = await t.Store.Dialect.OpenAsync(CancellationToken.None))
        await using (var hold = await t.Store.Dialect.BeginWriteAsync(holder, CancellationToken.None))
        {
            await holder.ExecuteAsync($"SELECT seq FROM audit_head WHERE id = 1{t.Store.Dialect.ForUpdate}", transaction: hold);
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
            {
                start.Wait();
                Interlocked.Increment(ref started);
                return await create(i);
            })).ToList();
            start.Set();
            all = Task.WhenAll(tasks);
            while (Volatile.Read(ref started) < count) await Task.Delay(10);
            await Task.Delay(100);
            await hold.RollbackAsync();
        }
        return await all;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_intakes_are_grouped_and_each_gets_its_dossier_in_one_verifying_chain(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        const int count = 120;
        var codes = Enumerable.Range(1, count).Select(i => $"000.00.25.H47-261128-{i:D4}").ToArray();

        var results = await AllAtOnce(t, count, i => t.Store.TryCreateAsync(Samples.Dossier(codes[i]), Samples.Outbox(codes[i]), Samples.Portal));

        Assert.All(results, r => Assert.Equal(CreateOutcome.Created, r.Outcome));
        Assert.Equal(codes.Order(), results.Select(r => r.Dossier.Code).Order());
        Assert.True(t.Store.IntakeTransactions < count, $"{t.Store.IntakeTransactions} transactions for {count} concurrent intakes: nothing was grouped");
        Assert.Equal(count, await t.CountAsync("dossiers"));
        Assert.Equal(count, await t.CountAsync("dossier_documents"));
        Assert.Equal(count, await t.CountAsync("outbox"));
        var verification = await t.Store.VerifyAsync();
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(count, verification.Entries);
        var entries = await t.Store.ListEntriesAsync(limit: 1000);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(codes.Order(), entries.Select(e => e.Subject!).Order());
        // Every answer is what is stored.
        foreach (var r in results.Take(5))
        {
            var stored = await t.Store.GetAsync(r.Dossier.Code);
            Assert.Equal(r.Dossier.SubmissionHash, stored!.SubmissionHash);
            Assert.Equal(r.Dossier.Documents.Single().Sha256, stored.Documents.Single().Sha256);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Duplicates_in_one_group_create_one_dossier_and_the_others_get_existing_or_conflict(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        const string code = "000.00.25.H47-261128-0500";
        var same = Samples.Dossier(code);
        var other = Samples.Dossier(code, applicantName: "Nguyễn Thị Hoa");
        // 30 calls: 10 of the shared code with the same content, 5 with other content, 15 other dossiers.
        var results = await AllAtOnce(t, 30, i => i switch
        {
            < 10 => t.Store.TryCreateAsync(same, Samples.Outbox(code), Samples.Portal),
            < 15 => t.Store.TryCreateAsync(other, Samples.Outbox(code), Samples.Portal),
            _ => t.Store.TryCreateAsync(Samples.Dossier($"000.00.25.H47-261128-{i:D4}"), Samples.Outbox($"000.00.25.H47-261128-{i:D4}"), Samples.Portal),
        });

        var sameHash = SubmissionFingerprint.Compute(same);
        var otherHash = SubmissionFingerprint.Compute(other);
        var shared = results.Take(15).ToArray();
        var winner = Assert.Single(shared, r => r.Outcome == CreateOutcome.Created);
        var winnerHash = winner.Dossier.SubmissionHash;
        Assert.Contains(winnerHash, new[] { sameHash, otherHash });
        for (var i = 0; i < 15; i++)
        {
            if (shared[i] == winner) continue;
            var submitted = i < 10 ? sameHash : otherHash;
            Assert.Equal(submitted == winnerHash ? CreateOutcome.Existing : CreateOutcome.Conflict, shared[i].Outcome);
            Assert.Equal(winnerHash, shared[i].Dossier.SubmissionHash); // every loser is answered with the stored dossier
        }
        Assert.Equal(winnerHash == sameHash ? 5 : 10, shared.Count(r => r.Outcome == CreateOutcome.Conflict));
        Assert.All(results.Skip(15), r => Assert.Equal(CreateOutcome.Created, r.Outcome));
        Assert.Equal(16, await t.CountAsync("dossiers"));
        Assert.Equal(16, await t.CountAsync("outbox"));
        Assert.Equal(16, await t.CountAsync("audit_log"));
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_item_that_fails_is_rolled_back_alone_and_the_rest_of_its_group_is_stored(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var first = Samples.Dossier("000.00.25.H47-261128-0900");
        await t.Store.TryCreateAsync(first, Samples.Outbox(first.Code, "taken-message-id"), Samples.Portal);
        const int count = 40, bad = 17;
        var codes = Enumerable.Range(1, count).Select(i => $"000.00.25.H47-261128-{i:D4}").ToArray();

        // Item 17 clashes on the outbox's unique message id, after its dossier, stats and document rows were written.
        var outcomes = await AllAtOnce(t, count, async i =>
        {
            try
            {
                var doc = Samples.Pdf("own content of " + codes[i]);
                return (Result: await t.Store.TryCreateAsync(Samples.Dossier(codes[i], documents: doc),
                    Samples.Outbox(codes[i], i == bad ? "taken-message-id" : null), Samples.Portal), Error: (Exception?)null);
            }
            catch (Exception e) { return (Result: (CreateResult?)null, Error: e); }
        });

        Assert.NotNull(outcomes[bad].Error);
        Assert.True(t.Store.IntakeTransactions < count + 1, "nothing was grouped");
        Assert.All(outcomes.Where((_, i) => i != bad), o => Assert.Equal(CreateOutcome.Created, o.Result!.Outcome));
        Assert.Null(await t.Store.GetAsync(codes[bad]));
        Assert.Equal(count, await t.CountAsync("dossiers")); // 39 + the first
        Assert.Equal(count, await t.CountAsync("dossier_documents"));
        Assert.Equal(count, await t.CountAsync("blobs"));
        Assert.Equal(count, await t.CountAsync("audit_log"));
        Assert.Equal(0, await t.CountAsync("audit_log", "subject = @code", new { code = codes[bad] }));
        var verification = await t.Store.VerifyAsync();
        Assert.True(verification.Ok, verification.Problem);
        // The failed code is still free.
        Assert.Equal(CreateOutcome.Created, (await t.Store.TryCreateAsync(Samples.Dossier(codes[bad]), Samples.Outbox(codes[bad]), Samples.Portal)).Outcome);
    }
}
