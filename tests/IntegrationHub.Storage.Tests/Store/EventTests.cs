using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;
using static IntegrationHub.Storage.Tests.Fixtures.Samples;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class EventTests
{
    private const string Code = "000.00.25.H47-261128-0001";

    private static async Task<TestStore> WithDossierAsync(string provider, DateTimeOffset? dueAt = null)
    {
        var t = await TestStore.CreateAsync(provider);
        await t.Store.TryCreateAsync(Dossier(Code, At(11, 28, 9, 30), dueAt ?? At(12, 3, 9, 30)), null, Portal);
        return t;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Events_are_appended_in_order_with_official_and_step_deadline(string provider)
    {
        await using var t = await WithDossierAsync(provider);
        var r1 = await t.Store.AppendEventAsync(Code, Event("PI-1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        var r2 = await t.Store.AppendEventAsync(Code, Event("PI-2", DossierStatus.Processing, At(11, 30, 8), "Phạm Thị Mai", At(12, 2, 17)), IsAllowed, EventAudit());

        Assert.Equal(AppendOutcome.Appended, r1.Outcome);
        Assert.Equal(DossierStatus.Registered, r1.PreviousStatus);
        Assert.Equal(AppendOutcome.Appended, r2.Outcome);
        var d = r2.Dossier!;
        Assert.Equal(DossierStatus.Processing, d.Status);
        Assert.Equal(["PI-1", "PI-2"], d.History.Select(h => h.EventId));
        Assert.Equal(new Official("Phạm Thị Mai", "Chuyên viên", "Phòng Đăng ký kinh doanh"), d.History[1].Official);
        Assert.Equal(At(12, 2, 17), d.History[1].StepDueAt);
        Assert.Equal(t.Time.GetUtcNow(), d.History[1].RecordedAt);
        Assert.Equal(3, await t.CountAsync("audit_log"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_repeated_event_id_is_accepted_once(string provider)
    {
        await using var t = await WithDossierAsync(provider);
        var e = Event("PI-1", DossierStatus.Received, At(11, 28, 10));
        await t.Store.AppendEventAsync(Code, e, IsAllowed, EventAudit());
        var again = await t.Store.AppendEventAsync(Code, e, IsAllowed, EventAudit(), Outbox(Code, "sync-1"));

        Assert.Equal(AppendOutcome.Duplicate, again.Outcome);
        Assert.Single(again.Dossier!.History);
        Assert.Equal(2, await t.CountAsync("audit_log"));
        Assert.Equal(0, await t.CountAsync("outbox"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_forbidden_transition_changes_nothing(string provider)
    {
        await using var t = await WithDossierAsync(provider);
        await t.Store.AppendEventAsync(Code, Event("PI-1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        await t.Store.AppendEventAsync(Code, Event("PI-2", DossierStatus.Resolved, At(11, 29, 10)), IsAllowed, EventAudit());
        await t.Store.AppendEventAsync(Code, Event("PI-3", DossierStatus.ResultReturned, At(11, 29, 11)), IsAllowed, EventAudit());
        var before = await t.Store.GetAsync(Code);

        var refused = await t.Store.AppendEventAsync(Code, Event("PI-4", DossierStatus.Processing, At(11, 30, 9)), IsAllowed, EventAudit(), Outbox(Code, "x"));

        Assert.Equal(AppendOutcome.Forbidden, refused.Outcome);
        Assert.Equal(DossierStatus.ResultReturned, refused.PreviousStatus);
        var after = await t.Store.GetAsync(Code);
        Assert.Equal(before!.Status, after!.Status);
        Assert.Equal(before.Times, after.Times);
        Assert.Equal(3, after.History.Count);
        Assert.Equal(4, await t.CountAsync("audit_log"));
        Assert.Equal(0, await t.CountAsync("outbox"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_state_machine_sees_the_stored_status(string provider)
    {
        await using var t = await WithDossierAsync(provider);
        var seen = new List<(DossierStatus?, DossierStatus)>();
        await t.Store.AppendEventAsync(Code, Event("PI-1", DossierStatus.Received, At(11, 28, 10)), (f, to) => { seen.Add((f, to)); return true; }, EventAudit());

        Assert.Equal([(DossierStatus.Registered, DossierStatus.Received)], seen);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Event_for_an_unknown_dossier_is_not_found(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var r = await t.Store.AppendEventAsync("000.00.25.H47-261128-0999", Event("PI-1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());

        Assert.Equal(AppendOutcome.NotFound, r.Outcome);
        Assert.Null(r.Dossier);
        Assert.Equal(0, await t.CountAsync("audit_log"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_supplement_pauses_the_clock_and_the_end_is_the_first_resolution(string provider)
    {
        await using var t = await WithDossierAsync(provider, At(12, 3, 9, 30));
        await t.Store.AppendEventAsync(Code, Event("1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        await t.Store.AppendEventAsync(Code, Event("2", DossierStatus.SupplementRequested, At(11, 30, 9)), IsAllowed, EventAudit());
        var paused = await t.Store.GetAsync(Code);
        await t.Store.AppendEventAsync(Code, Event("3", DossierStatus.Processing, At(12, 2, 9)), IsAllowed, EventAudit());
        await t.Store.AppendEventAsync(Code, Event("4", DossierStatus.Resolved, At(12, 4, 15)), IsAllowed, EventAudit());
        var done = (await t.Store.AppendEventAsync(Code, Event("5", DossierStatus.ResultReturned, At(12, 5, 8)), IsAllowed, EventAudit())).Dossier!;

        Assert.Equal(At(11, 30, 9), paused!.Times.PausedSince);
        Assert.Equal(1, done.Times.SupplementCount);
        Assert.Null(done.Times.PausedSince);
        Assert.Equal(At(12, 5, 9, 30), done.Times.EffectiveDueAt); // two days of pause (elapsed time in this test)
        Assert.Equal(At(12, 3, 9, 30), done.OriginalDueAt);
        Assert.Equal(At(12, 4, 15), done.Times.EndedAt);
        Assert.Equal(DossierStatus.Resolved, done.Times.EndStatus);
        Assert.Equal(DossierStatus.ResultReturned, done.Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_apology_moves_the_promised_date_and_keeps_the_original(string provider)
    {
        await using var t = await WithDossierAsync(provider, At(12, 3, 9, 30));
        await t.Store.AppendEventAsync(Code, Event("1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        var apology = new Apology("Chờ ý kiến của cơ quan thuế", At(12, 10, 17));
        var d = (await t.Store.AppendEventAsync(Code, Event("2", DossierStatus.Processing, At(12, 3, 8), apology: apology), IsAllowed, EventAudit())).Dossier!;

        Assert.Equal(At(12, 10, 17), d.DueAt);
        Assert.Equal(At(12, 3, 9, 30), d.OriginalDueAt);
        Assert.Equal(At(12, 3, 9, 30), d.Times.EffectiveDueAt);
        Assert.Equal(apology, d.History[^1].Apology);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_result_document_is_stored_by_hash_with_the_event(string provider)
    {
        await using var t = await WithDossierAsync(provider);
        await t.Store.AppendEventAsync(Code, Event("1", DossierStatus.Received, At(11, 28, 10)), IsAllowed, EventAudit());
        var result = Pdf("giấy chứng nhận đăng ký doanh nghiệp", "gcn.pdf");
        var e = Event("2", DossierStatus.Resolved, At(11, 29, 10)) with { Result = result };
        var d = (await t.Store.AppendEventAsync(Code, e, IsAllowed, EventAudit(), Outbox(Code, "result-1"))).Dossier!;

        var stored = d.History[^1].Result!;
        Assert.Equal("gcn.pdf", stored.Name);
        Assert.Equal(result.Content, await t.Store.GetDocumentContentAsync(stored.Sha256));
        Assert.Equal(1, await t.CountAsync("outbox", "message_id = 'result-1'"));
    }
}
