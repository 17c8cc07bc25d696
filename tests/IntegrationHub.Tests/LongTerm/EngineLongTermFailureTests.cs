using IntegrationHub.Core.Ports;
using IntegrationHub.LongTerm;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// The long-term jobs with the real engine when things go wrong: the TSA down (waiting, circuit, back), a CRL host
/// down (waiting) or answering 404 (refused, replayed), a crash between augmentation and store, a second run.
/// </summary>
public sealed class EngineLongTermFailureTests : IClassFixture<EnginePkiHub>
{
    private readonly EnginePkiHub fixture;

    public EngineLongTermFailureTests(EnginePkiHub fixture)
    {
        this.fixture = fixture;
        fixture.StartTsaIfStopped();
        fixture.Engine.CrashAfterAugment = false;
        // Every test starts past the circuits' sampling and break windows of the one before.
        fixture.Hub.Time.Advance(TimeSpan.FromHours(2));
    }

    private static byte[] NewContent() => System.Text.Encoding.UTF8.GetBytes($"Tờ khai đăng ký khai sinh {Guid.NewGuid()}");

    [Fact]
    public async Task TSA_down_keeps_a_B_B_document_waiting_for_timestamp_until_the_circuit_opens_and_the_TSA_back_finishes_it()
    {
        var content = NewContent();
        var (code, report) = await fixture.SubmitAsync(content, await fixture.SignAsync(content, fixture.NewSigner(), withTimestamp: false));
        Assert.Equal(("TOTAL_PASSED", "B-B"), (report.GetProperty("indication").GetString(), report.GetProperty("signatures")[0].GetProperty("level").GetString()));
        var task = await fixture.TaskOf(code);
        fixture.StopTsa();

        await fixture.Run(task.Id);
        var waiting = (await fixture.Store.GetDeliveryAsync(task.Id))!;
        Assert.Equal((DeliveryState.Retrying, 1, $"timestamp@{fixture.TsaAuthority}"), (waiting.State, waiting.Attempts, waiting.ErrorClass));
        Assert.Equal(fixture.Hub.Time.GetUtcNow() + TimeSpan.FromMinutes(1), waiting.NextAttemptAt);
        var view = await fixture.LongTermOf(code);
        Assert.Equal(("retrying", "timestamp", "B-LT"), (view.GetProperty("task").GetString(), view.GetProperty("waitingFor").GetString(), view.GetProperty("targetLevel").GetString()));
        Assert.Contains(fixture.TsaUrl, view.GetProperty("lastError").GetString());
        var overview = await (await fixture.Hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/long-term")).Json();
        Assert.Contains(overview.GetProperty("waiting").EnumerateArray(), w => w.GetProperty("service").GetString() == $"timestamp@{fixture.TsaAuthority}");

        // Three failures in the TSA's circuit open it; behind it a run spends no attempt and asks the engine nothing.
        for (var i = 0; i < 3; i++) await fixture.Run(task.Id);
        var attempts = (await fixture.Store.GetDeliveryAsync(task.Id))!.Attempts;
        Assert.Equal(4, attempts);
        var calls = fixture.Engine.Calls;
        await fixture.Run(task.Id);
        Assert.Equal((calls, attempts), (fixture.Engine.Calls, (await fixture.Store.GetDeliveryAsync(task.Id))!.Attempts));
        Assert.Empty(await fixture.Store.GetDocumentLevelsAsync(code));

        // The TSA answers again; after the break the task is done: the signature got its timestamp and its validation data.
        fixture.StartTsa();
        fixture.Hub.Time.Advance(TimeSpan.FromMinutes(11));
        await fixture.Run(task.Id);
        var (level, stored) = await fixture.StoredAsync(code, 0);
        Assert.Equal("B-LT", level.Level);
        var again = fixture.Validate(content, stored);
        Assert.Equal((Indication.TotalPassed, "B-LT"), (again.Indication, again.Signatures[0].Level));
        Assert.Equal(DeliveryState.Delivered, (await fixture.Store.GetDeliveryAsync(task.Id))!.State);
    }

    [Fact]
    public async Task CRL_host_down_keeps_the_task_waiting_for_revocation()
    {
        var closed = $"http://127.0.0.1:{EnginePkiHub.ClosedPort()}/issuing.crl";
        var content = NewContent();
        var (code, _) = await fixture.SubmitAsync(content, await fixture.SignAsync(content, fixture.NewSigner(closed), withTimestamp: true));
        var task = await fixture.TaskOf(code);

        await fixture.Run(task.Id);

        var waiting = (await fixture.Store.GetDeliveryAsync(task.Id))!;
        Assert.Equal((DeliveryState.Retrying, $"revocation@{new Uri(closed).Authority}"), (waiting.State, waiting.ErrorClass));
        Assert.Equal("revocation", (await fixture.LongTermOf(code)).GetProperty("waitingFor").GetString());
        Assert.Empty(await fixture.Store.GetDocumentLevelsAsync(code));
    }

    [Fact]
    public async Task A_CRL_answering_404_is_a_refusal_a_dead_letter_that_the_admin_replay_finishes_once_the_CRL_is_back()
    {
        var url = fixture.NewCrlUrl();
        var signer = fixture.NewSigner(url);
        fixture.LoseCrl(url);
        var content = NewContent();
        var (code, _) = await fixture.SubmitAsync(content, await fixture.SignAsync(content, signer, withTimestamp: true));
        var task = await fixture.TaskOf(code);

        await fixture.Run(task.Id);

        var dead = (await fixture.Store.GetDeliveryAsync(task.Id))!;
        Assert.Equal((DeliveryState.Dead, "validation", 1), (dead.State, dead.ErrorClass, dead.Attempts));
        Assert.StartsWith("VALIDATION_DATA_MISSING", dead.LastError);
        var view = await fixture.LongTermOf(code);
        Assert.Equal(("dead", System.Text.Json.JsonValueKind.Null), (view.GetProperty("task").GetString(), view.GetProperty("waitingFor").ValueKind));

        fixture.RestoreCrl(url);
        var replay = await fixture.Hub.Client(TestHub.AdminKey).PostAsync($"/api/v1/admin/deliveries/{task.Id}/retry", null);
        Assert.True(replay.IsSuccessStatusCode, $"replay answered {(int)replay.StatusCode}");
        await fixture.Run(task.Id);
        Assert.Equal("B-LT", (await fixture.StoredAsync(code, 0)).Level.Level);
    }

    [Fact]
    public async Task A_crash_between_augmentation_and_store_leaves_the_task_to_retry_and_a_second_run_augments_nothing_more()
    {
        var content = NewContent();
        var signature = await fixture.SignAsync(content, fixture.NewSigner(), withTimestamp: true);
        var (code, _) = await fixture.SubmitAsync(content, signature);
        var task = await fixture.TaskOf(code);
        var original = (await fixture.Store.GetAsync(code))!.Documents[0];

        fixture.Engine.CrashAfterAugment = true;
        await fixture.Run(task.Id);
        Assert.Empty(await fixture.Store.GetDocumentLevelsAsync(code));
        Assert.Equal((DeliveryState.Pending, 0), ((await fixture.Store.GetDeliveryAsync(task.Id))!.State, (await fixture.Store.GetDeliveryAsync(task.Id))!.Attempts));
        Assert.Equal(original, (await fixture.Store.GetAsync(code))!.Documents[0]);
        Assert.Equal(signature, await fixture.Store.GetDocumentContentAsync(original.DetachedSignatureSha256!));

        fixture.Engine.CrashAfterAugment = false;
        var calls = fixture.Engine.Calls;
        await fixture.Run(task.Id);
        await fixture.Run(task.Id);   // a second job for the same row: the level is stored, the engine is not asked again
        Assert.Equal(calls + 1, fixture.Engine.Calls);
        var level = Assert.Single(await fixture.Store.GetDocumentLevelsAsync(code));
        Assert.Equal(("B-LT", 0), (level.Level, level.Generation));
        Assert.Single(await fixture.Store.ListEntriesAsync(code), e => e.Action == "document.augmented");
        Assert.Equal(original, (await fixture.Store.GetAsync(code))!.Documents[0]);
        Assert.Equal(signature, await fixture.Store.GetDocumentContentAsync(original.DetachedSignatureSha256!));
        var report = fixture.Validate(content, (await fixture.StoredAsync(code, 0)).Bytes);
        Assert.Equal((Indication.TotalPassed, "B-LT"), (report.Indication, report.Signatures[0].Level));
    }

    [Fact]
    public async Task A_file_the_engine_cannot_augment_and_an_unknown_level_are_refused_not_retried()
    {
        var engine = fixture.Hub.Service<IDocumentAugmentation>();
        var notSigned = await engine.AugmentAsync("ghi-chu.txt", "không phải chữ ký"u8.ToArray(), null, Levels.LongTerm, CancellationToken.None);
        Assert.StartsWith("NOT_VALID", Assert.IsType<AugmentationOutcome.Refused>(notSigned).Reason);

        var content = NewContent();
        var signature = await fixture.SignAsync(content, fixture.NewSigner(), withTimestamp: true);
        var unknown = await engine.AugmentAsync("a.p7s", signature, content, "B-LTV", CancellationToken.None);
        Assert.Contains("B-LTV", Assert.IsType<AugmentationOutcome.Refused>(unknown).Reason);
    }
}
