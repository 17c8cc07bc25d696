using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>The long-term side of the store (0009): levels stored once beside the original, renewals due, documents without a task.</summary>
public sealed class LongTermStoreTests
{
    private static OutboxMessage Task(string code, int position, int generation) =>
        new($"{code}:lt-{position}-{generation}", "long-term", $$"""{"kind":"long-term","position":{{position}},"generation":{{generation}}}""");

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_augmentation_is_stored_once_per_document_and_generation_beside_the_original_and_closes_its_task(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var code = "000.00.25.H47-261128-0001";
        await t.Store.TryCreateWithOutboxAsync(Dossier(code), [Outbox(code), Task(code, 0, 0)], Portal);
        var original = (await t.Store.GetAsync(code))!.Documents[0];
        var task = Assert.Single((await t.Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: "long-term"))).Items);
        var renewBefore = t.Time.GetUtcNow().AddYears(2);

        Assert.True(await t.Store.StoreAugmentedAsync(task.Id, code, 0, "B-LT", 0, "augmented"u8.ToArray(), renewBefore));
        Assert.False(await t.Store.StoreAugmentedAsync(task.Id, code, 0, "B-LT", 0, "augmented again"u8.ToArray(), null));

        var level = Assert.Single(await t.Store.GetDocumentLevelsAsync(code));
        Assert.Equal((0, "B-LT", 0, renewBefore), (level.Position, level.Level, level.Generation, level.RenewBefore));
        Assert.Equal("augmented"u8.ToArray(), await t.Store.GetDocumentContentAsync(level.Sha256));
        Assert.Equal(original, (await t.Store.GetAsync(code))!.Documents[0]);
        Assert.Equal(DeliveryState.Delivered, (await t.Store.GetDeliveryAsync(task.Id))!.State);
        Assert.Equal(1, (await t.Store.CountDocumentLevelsAsync())["B-LT"]);
        Assert.Single(await t.Store.ListEntriesAsync(code), e => e.Action == "document.augmented");
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Delivery_counts_leave_long_term_rows_out_and_the_waiting_counts_group_them_by_state_and_service(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var code = "000.00.25.H47-261128-0002";
        await t.Store.TryCreateWithOutboxAsync(Dossier(code), [Outbox(code), Task(code, 0, 0)], Portal);
        var task = Assert.Single((await t.Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: "long-term"))).Items);
        await t.Store.MarkFailedAsync(task.Id, "timestamp did not answer", "timestamp@127.0.0.1:9", t.Time.GetUtcNow().AddMinutes(1));

        var counts = await t.Store.CountByStateAsync();
        Assert.Equal((1L, 0L), (counts[DeliveryState.Pending], counts[DeliveryState.Retrying]));
        Assert.Equal([("retrying", "timestamp@127.0.0.1:9", 1L)], await t.Store.CountLongTermWorkAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renewal_is_due_for_the_latest_generation_only_once_its_renew_before_falls_in_the_window(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var code = "000.00.25.H47-261128-0003";
        await t.Store.TryCreateWithOutboxAsync(Dossier(code), [Task(code, 0, 0), Task(code, 0, 1)], Portal);
        var tasks = (await t.Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: "long-term"))).Items.OrderBy(d => d.Id).ToList();
        var first = t.Time.GetUtcNow().AddDays(100);
        await t.Store.StoreAugmentedAsync(tasks[0].Id, code, 0, "B-LT", 0, "lt"u8.ToArray(), first);

        Assert.Empty(await t.Store.FindRenewalsDueAsync(first.AddDays(-1), 10));
        var due = Assert.Single(await t.Store.FindRenewalsDueAsync(first, 10));
        Assert.Equal((code, 0, 0, first), (due.DossierCode, due.Position, due.Generation, due.RenewBefore));

        await t.Store.StoreAugmentedAsync(tasks[1].Id, code, 0, "B-LTA", 1, "lta"u8.ToArray(), first.AddDays(300));
        Assert.Empty(await t.Store.FindRenewalsDueAsync(first.AddDays(299), 10));
        Assert.Equal(1, Assert.Single(await t.Store.FindRenewalsDueAsync(first.AddDays(300), 10)).Generation);
        Assert.Equal(1, (await t.Store.CountDocumentLevelsAsync())["B-LTA"]);
        Assert.False((await t.Store.CountDocumentLevelsAsync()).ContainsKey("B-LT"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Passed_documents_without_a_B_LT_task_are_found_and_flagged_ones_are_not(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var code = "000.00.25.H47-261128-0004";
        var flagged = new Core.Dossiers.DocumentUpload("ghi-chu.txt", "text/plain", "x"u8.ToArray(), null, """{"indication":"NO_SIGNATURE"}""", true);
        await t.Store.TryCreateAsync(Dossier(code, documents: [Pdf("a"), flagged, Pdf("b", "phu-luc.pdf")]), Outbox(code), Portal);

        Assert.Equal([(code, 0), (code, 2)], (await t.Store.FindUnaugmentedAsync(10)).Select(d => (d.DossierCode, d.Position)));
        await t.Store.EnqueueAsync(code, Task(code, 2, 0));
        Assert.Equal([(code, 0)], (await t.Store.FindUnaugmentedAsync(10)).Select(d => (d.DossierCode, d.Position)));
    }
}
