using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Audit;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class AuditTests
{
    private static async Task<TestStore> WithHistoryAsync(string provider)
    {
        var t = await TestStore.CreateAsync(provider);
        for (var i = 1; i <= 3; i++)
        {
            var code = $"000.00.25.H47-261128-{i:D4}";
            await t.Store.TryCreateAsync(Dossier(code), Outbox(code), Portal);
            t.Time.Advance(TimeSpan.FromMinutes(1));
            await t.Store.AppendEventAsync(code, Event($"E{i}", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        }
        return t; // 6 entries
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_state_change_writes_one_linked_entry_and_the_chain_verifies(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        var entries = await t.Store.ListEntriesAsync();

        Assert.Equal(6, entries.Count);
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++) Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        Assert.Equal(["dossier.created", "dossier.event"], entries.Take(2).Select(e => e.Action));
        Assert.Equal(["portal", "planning-investment"], entries.Take(2).Select(e => e.Actor));
        Assert.Equal(2, (await t.Store.ListEntriesAsync("000.00.25.H47-261128-0002")).Count);
        Assert.Equal(new AuditVerification(true, 6, null, null), await t.Store.VerifyAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_edited_entry_is_named_as_the_first_broken_one(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        await t.ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");

        var v = await t.Store.VerifyAsync();

        Assert.False(v.Ok);
        Assert.Equal(3, v.FirstBrokenSequence);
        Assert.Contains("altered", v.Problem);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_removed_entry_breaks_the_chain_at_its_successor(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        await t.ExecuteAsync("DELETE FROM audit_log WHERE seq = 4");

        var v = await t.Store.VerifyAsync();

        Assert.False(v.Ok);
        Assert.Equal(5, v.FirstBrokenSequence);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rehashed_entry_still_breaks_the_link_of_the_next_one(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        var e2 = (await t.Store.ListEntriesAsync(afterSequence: 1, limit: 1))[0];
        var forged = AuditChain.Hash(e2.Sequence, e2.At, "forger", e2.Action, e2.Subject, e2.Details, e2.PreviousHash);
        await t.ExecuteAsync("UPDATE audit_log SET actor = 'forger', hash = @forged WHERE seq = 2", new { forged });

        var v = await t.Store.VerifyAsync();

        Assert.Equal(3, v.FirstBrokenSequence);
        Assert.Contains("does not link", v.Problem);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Entries_cut_off_the_end_are_detected_by_the_head(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        await t.ExecuteAsync("DELETE FROM audit_log WHERE seq >= 5");

        var v = await t.Store.VerifyAsync();

        Assert.False(v.Ok);
        Assert.Equal(5, v.FirstBrokenSequence);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verifying_while_entries_are_written_does_not_report_a_false_break(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        var verifies = await VerifyWhileWritingAsync(t, times: 150);

        // Each verify saw one snapshot: the chain it walked ends where the head it read says, whatever was added since.
        Assert.All(verifies, v => Assert.True(v.Ok, v.Problem));
        Assert.True(verifies[^1].Entries > 6, "the writers added entries while the verifies ran");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tampered_entry_is_still_found_while_entries_are_written(string provider)
    {
        await using var t = await WithHistoryAsync(provider);
        await t.ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");

        var verifies = await VerifyWhileWritingAsync(t, times: 20);

        Assert.All(verifies, v => Assert.Equal((false, 3L), (v.Ok, v.FirstBrokenSequence ?? 0)));
    }

    /// <summary>
    /// Verifies <paramref name="times"/> times while two writers append audit entries without pause (each append
    /// commits the entry and moves the head), so commits land between the verifier's reads.
    /// </summary>
    private static async Task<List<AuditVerification>> VerifyWhileWritingAsync(TestStore t, int times)
    {
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await t.Store.AppendAsync(new AuditRecord("writer", "test.append", $"{w}/{i}"), $"subject-{w}");
        })).ToList();
        var verifies = new List<AuditVerification>();
        try
        {
            for (var i = 0; i < times; i++) verifies.Add(await t.Store.VerifyAsync());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        return verifies;
    }

    [Fact]
    public void The_hash_covers_every_field()
    {
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(7));
        var h = AuditChain.Hash(1, at, "a", "b", "c", "d", AuditChain.Genesis);

        Assert.Equal(h, AuditChain.Hash(1, at.ToUniversalTime(), "a", "b", "c", "d", AuditChain.Genesis));
        Assert.NotEqual(h, AuditChain.Hash(2, at, "a", "b", "c", "d", AuditChain.Genesis));
        Assert.NotEqual(h, AuditChain.Hash(1, at.AddTicks(1), "a", "b", "c", "d", AuditChain.Genesis));
        Assert.NotEqual(h, AuditChain.Hash(1, at, "ab", "", "c", "d", AuditChain.Genesis));
        Assert.NotEqual(h, AuditChain.Hash(1, at, "a", "b", null, "d", AuditChain.Genesis));
        Assert.NotEqual(h, AuditChain.Hash(1, at, "a", "b", "c", "d", new string('1', 64)));
    }
}
