using System.Text.Json;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.LongTerm;
using IntegrationHub.Storage;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// Long-term augmentation as outbox work, on the real hub (SQLite) with a fake engine: the B-LT task written at
/// intake, stored once, held while the TSA is down (growing delays, circuit, dead letter, replay), renewals.
/// </summary>
public sealed class LongTermJobTests : IClassFixture<LongTermJobTests.LongTermHub>
{
    public sealed class LongTermHub : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();
        public FakeAugmentation Engine { get; } = new();
        public TestPki Pki { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Pki = new TestPki(Path.Combine(Hub.DataDir, "pki"));
            Hub.ExtraSettings.AddRange([
                $"--Signatures:TrustAnchors:0={Pki.RootPem}",
                "--LongTerm:Enabled=true", "--LongTerm:RenewalMargin=30.00:00:00",
                "--Delivery:MaxAttempts=4", "--Delivery:RetryDelays:0=00:01:00", "--Delivery:RetryDelays:1=00:05:00", "--Delivery:RetryDelays:2=00:30:00",
                "--LongTerm:Circuit:BreakerMinimumThroughput=3", "--LongTerm:Circuit:BreakerFailureRatio=0.5",
                "--LongTerm:Circuit:BreakerSamplingDuration=00:30:00", "--LongTerm:Circuit:BreakDuration=00:10:00",
            ]);
            Hub.ExtraServices = s => s.AddSingleton<IDocumentAugmentation>(Engine);
            return Hub.InitializeAsync();
        }

        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private readonly TestHub hub;
    private readonly FakeAugmentation engine;
    private readonly TestPki pki;
    private HubStore Store => hub.Service<HubStore>();

    public LongTermJobTests(LongTermHub fixture)
    {
        hub = fixture.Hub;
        engine = fixture.Engine;
        pki = fixture.Pki;
        engine.TsaDown = false;
        engine.AfterAugment = null;
        engine.RenewBefore = null;
        // Every test starts past the circuits' sampling and break windows of the one before.
        hub.Time.Advance(TimeSpan.FromHours(2));
    }

    /// <summary>A dossier whose document passed, stored with its tasks as intake writes them.</summary>
    private async Task<string> PassedDossier(bool withTask = true, string? tsaUrl = null)
    {
        var code = Submissions.NextCode();
        var doc = new DocumentUpload("quyet-dinh.pdf", "application/pdf", System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 signed " + code), null,
            """{"indication":"TOTAL_PASSED"}""", false);
        var unsigned = new DocumentUpload("ghi-chu.txt", "text/plain", "ghi chú"u8.ToArray(), null, """{"indication":"NO_SIGNATURE"}""", true);
        var dossier = new NewDossier(code, Submissions.FlagProcedure, Submissions.Agency, hub.Time.GetUtcNow(), SubmissionChannel.Online,
            new Applicant("Trần Tấn Phú", Submissions.CitizenId, null, null), hub.Time.GetUtcNow().AddDays(3), "planning-investment", [doc, unsigned]);
        List<OutboxMessage> rows = [new($"{code}:submit", "planning-investment", "{}"), .. withTask ? LongTermTasks.AtIntake(code, dossier.Documents) : []];
        Assert.Equal(CreateOutcome.Created, (await Store.TryCreateWithOutboxAsync(dossier, rows, new AuditRecord("test", "dossier.submit"))).Outcome);
        return code;
    }

    private async Task<Delivery> TaskOf(string code, int generation = 0) =>
        Assert.Single((await Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: LongTermTarget.Name, DossierCode: code))).Items,
            d => d.MessageId == $"{code}:lt-0-{generation}");

    private async Task Run(params long[] ids) => await hub.Service<LongTermJob>().RunBatchAsync(ids, CancellationToken.None);

    private async Task<JsonElement> LongTermOf(string code) =>
        (await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("documents")[0].GetProperty("longTerm");

    [RequiresToolFact("openssl")]
    public async Task Intake_of_a_document_signed_by_openssl_writes_its_B_LT_task_with_the_dossier_and_the_job_hands_signature_and_content_to_the_engine()
    {
        var work = Directory.CreateTempSubdirectory("hub-lt-").FullName;
        var content = Path.Combine(work, "to-khai.txt");
        var signature = Path.Combine(work, "to-khai.p7s");
        await File.WriteAllTextAsync(content, "Tờ khai đăng ký khai sinh");
        await Tools.MustRun("openssl", "cms", "-sign", "-binary", "-in", content, "-signer", pki.CitizenCertPem, "-inkey", pki.CitizenKeyPem,
            "-outform", "DER", "-out", signature, "-md", "sha256");
        var code = Submissions.NextCode();
        var submission = Submissions.Valid(code);
        submission["documents"]![0]!["content"] = Convert.ToBase64String(await File.ReadAllBytesAsync(content));
        submission["documents"]![0]!["detachedSignature"] = Convert.ToBase64String(await File.ReadAllBytesAsync(signature));
        var created = await (await hub.Client(TestHub.PortalKey).Submit(submission)).Json();
        Assert.Equal("TOTAL_PASSED", created.GetProperty("documents")[0].GetProperty("report").GetProperty("indication").GetString());

        var task = await TaskOf(code);
        Assert.Equal("pending", (await LongTermOf(code)).GetProperty("task").GetString());
        await Run(task.Id);
        Assert.Equal(await File.ReadAllBytesAsync(signature), engine.Last.Document);
        Assert.Equal(await File.ReadAllBytesAsync(content), engine.Last.Detached);
        Assert.Equal("B-LT", engine.Last.Target);
        Assert.Equal("B-LT", (await LongTermOf(code)).GetProperty("level").GetString());

        // An unsigned document (flagged) gets none.
        var unsigned = Submissions.NextCode();
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(unsigned));
        Assert.Empty((await Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: LongTermTarget.Name, DossierCode: unsigned))).Items);
    }

    [Fact]
    public async Task The_dispatcher_hands_long_term_rows_to_the_long_term_job_and_not_to_the_delivery_job()
    {
        var code = await PassedDossier();
        var task = await TaskOf(code);
        await hub.Service<OutboxDispatcher>().DispatchOnceAsync();
        var jobs = hub.Service<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000);
        var longTerm = jobs.Where(j => j.Value.Job.Type == typeof(ILongTermWork)).SelectMany(j => (long[])j.Value.Job.Args[0]).ToList();
        var deliveries = jobs.Where(j => j.Value.Job.Type == typeof(DeliveryJob))
            .SelectMany(j => j.Value.Job.Args[0] is long[] ids ? ids : [(long)j.Value.Job.Args[0]]).ToList();
        Assert.Contains(task.Id, longTerm);
        Assert.DoesNotContain(task.Id, deliveries);
        Assert.Contains(deliveries, id => id != task.Id);
    }

    [Fact]
    public async Task Only_the_TOTAL_PASSED_document_gets_a_B_LT_task_and_it_is_not_shown_as_a_delivery()
    {
        var code = await PassedDossier();
        var all = (await Store.ListDeliveriesAsync(new DeliveryQuery(DossierCode: code))).Items;
        Assert.Equal(2, all.Count);
        var task = await TaskOf(code);
        Assert.Equal(new LongTermPayload("long-term", 0, 0), LongTermTasks.Read(task.Payload));

        var body = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal("planning-investment", Assert.Single(body.GetProperty("deliveries").EnumerateArray()).GetProperty("verticalSystem").GetString());
        var lt = body.GetProperty("documents")[0].GetProperty("longTerm");
        Assert.Equal(("pending", "B-LT"), (lt.GetProperty("task").GetString(), lt.GetProperty("targetLevel").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("documents")[1].GetProperty("longTerm").ValueKind);
    }

    [Fact]
    public async Task B_LT_is_stored_once_beside_the_original_when_the_job_runs_twice_or_again_after_a_crash_before_the_store()
    {
        var code = await PassedDossier();
        var task = await TaskOf(code);
        var original = (await Store.GetAsync(code))!.Documents[0];

        // The process dies after the engine answered, before the store: nothing is stored, the row stays pending.
        engine.AfterAugment = () => throw new OperationCanceledException("process killed");
        await Run(task.Id);
        Assert.Empty(await Store.GetDocumentLevelsAsync(code));
        Assert.Equal(DeliveryState.Pending, (await Store.GetDeliveryAsync(task.Id))!.State);

        engine.AfterAugment = null;
        var calls = engine.Calls;
        await Run(task.Id);
        await Run(task.Id);   // a second (stale) job: the level is there, the engine is not called again
        Assert.Equal(calls + 1, engine.Calls);

        var level = Assert.Single(await Store.GetDocumentLevelsAsync(code));
        Assert.Equal(("B-LT", 0), (level.Level, level.Generation));
        var augmented = await Store.GetDocumentContentAsync(level.Sha256);
        var originalBytes = await Store.GetDocumentContentAsync(original.Sha256);
        Assert.Equal([.. originalBytes!, .. "\n+B-LT"u8.ToArray()], augmented!);
        Assert.Equal(original, (await Store.GetAsync(code))!.Documents[0]);   // the original is kept as it was
        Assert.Equal(DeliveryState.Delivered, (await Store.GetDeliveryAsync(task.Id))!.State);
        Assert.Single(await Store.ListEntriesAsync(code), e => e.Action == "document.augmented");

        var lt = await LongTermOf(code);
        Assert.Equal("B-LT", lt.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, lt.GetProperty("task").ValueKind);
    }

    [Fact]
    public async Task TSA_down_keeps_the_task_waiting_for_timestamp_with_growing_delays_until_the_circuit_opens_and_TSA_back_finishes_it()
    {
        engine.TsaUrl = "http://127.0.0.1:9101/tsa";
        var codes = new[] { await PassedDossier(), await PassedDossier() };
        var first = await TaskOf(codes[0]);
        var second = await TaskOf(codes[1]);
        engine.TsaDown = true;

        await Run(first.Id);
        var waiting = (await Store.GetDeliveryAsync(first.Id))!;
        Assert.Equal((DeliveryState.Retrying, 1, "timestamp@127.0.0.1:9101"), (waiting.State, waiting.Attempts, waiting.ErrorClass));
        Assert.Equal(hub.Time.GetUtcNow() + TimeSpan.FromMinutes(1), waiting.NextAttemptAt);
        var lt = await LongTermOf(codes[0]);
        Assert.Equal(("retrying", "timestamp"), (lt.GetProperty("task").GetString(), lt.GetProperty("waitingFor").GetString()));
        Assert.Contains("127.0.0.1:9101", lt.GetProperty("lastError").GetString());

        await Run(first.Id);
        var later = (await Store.GetDeliveryAsync(first.Id))!;
        Assert.Equal(hub.Time.GetUtcNow() + TimeSpan.FromMinutes(5), later.NextAttemptAt);   // the delay grows

        // The second task goes through the TSA's circuit too after its first failure: the third failure there opens
        // it, and a task behind an open circuit spends no attempt (and the engine is not called).
        await Run(second.Id);
        await Run(second.Id);
        await Run(second.Id);
        var attempts = (await Store.GetDeliveryAsync(second.Id))!.Attempts;
        var calls = engine.Calls;
        await Run(second.Id);
        Assert.Equal(calls, engine.Calls);
        Assert.Equal(attempts, (await Store.GetDeliveryAsync(second.Id))!.Attempts);

        // The TSA answers again; after the break both tasks are done.
        engine.TsaDown = false;
        hub.Time.Advance(TimeSpan.FromMinutes(11));
        await Run(first.Id, second.Id);
        foreach (var code in codes) Assert.Equal("B-LT", (await LongTermOf(code)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Repeated_failures_make_a_dead_letter_that_an_admin_replay_finishes()
    {
        engine.TsaUrl = "http://127.0.0.1:9102/tsa";
        var code = await PassedDossier();
        var task = await TaskOf(code);
        engine.TsaDown = true;
        for (var i = 0; i < 4; i++)
        {
            await Run(task.Id);
            hub.Time.Advance(TimeSpan.FromMinutes(11));   // past each break, so every run is an attempt
        }
        var dead = (await Store.GetDeliveryAsync(task.Id))!;
        Assert.Equal((DeliveryState.Dead, 4), (dead.State, dead.Attempts));
        Assert.Equal("dead", (await LongTermOf(code)).GetProperty("task").GetString());

        engine.TsaDown = false;
        var replay = await hub.Client(TestHub.AdminKey).PostAsync($"/api/v1/admin/deliveries/{task.Id}/retry", null);
        Assert.True(replay.IsSuccessStatusCode, $"replay answered {(int)replay.StatusCode}");
        await Run(task.Id);
        Assert.Equal("B-LT", (await LongTermOf(code)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Renewal_is_queued_when_RenewBefore_comes_within_the_margin_and_stored_as_a_new_B_LTA_generation()
    {
        var code = await PassedDossier();
        engine.RenewBefore = hub.Time.GetUtcNow().AddDays(100);
        await Run((await TaskOf(code)).Id);
        var sweep = hub.Service<LongTermSweepJob>();

        hub.Time.Advance(TimeSpan.FromDays(69));   // 31 days before: outside the 30-day margin
        await sweep.RunAsync(CancellationToken.None);
        Assert.DoesNotContain((await Store.ListDeliveriesAsync(new DeliveryQuery(DossierCode: code))).Items, d => d.MessageId == $"{code}:lt-0-1");

        hub.Time.Advance(TimeSpan.FromDays(2));    // 29 days before
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);   // idempotent: still one task
        var renewal = await TaskOf(code, generation: 1);
        engine.RenewBefore = hub.Time.GetUtcNow().AddDays(400);
        await Run(renewal.Id);

        var levels = await Store.GetDocumentLevelsAsync(code);
        Assert.Equal(["B-LT", "B-LTA"], levels.Select(l => l.Level));
        var lta = await Store.GetDocumentContentAsync(levels[1].Sha256);
        Assert.EndsWith("+B-LT\n+B-LTA", System.Text.Encoding.UTF8.GetString(lta!));   // built over the B-LT document
        Assert.Empty(await Store.FindRenewalsDueAsync(hub.Time.GetUtcNow().AddDays(30), 100));
        Assert.Equal("B-LTA", (await LongTermOf(code)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Sweep_queues_B_LT_for_a_passed_document_stored_without_a_task()
    {
        var code = await PassedDossier(withTask: false);
        Assert.Empty((await Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: LongTermTarget.Name, DossierCode: code))).Items);
        await hub.Service<LongTermSweepJob>().RunAsync(CancellationToken.None);
        var task = await TaskOf(code);
        await Run(task.Id);
        Assert.Equal("B-LT", (await LongTermOf(code)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Admin_counts_documents_per_level_and_waiting_work_while_delivery_counts_leave_long_term_rows_out()
    {
        var admin = hub.Client(TestHub.AdminKey);
        var deliveriesBefore = await (await admin.GetAsync("/api/v1/admin/deliveries/counts")).Json();
        var before = await (await admin.GetAsync("/api/v1/admin/long-term")).Json();

        engine.TsaUrl = "http://127.0.0.1:9103/tsa";
        var done = await PassedDossier();
        await Run((await TaskOf(done)).Id);
        var waiting = await PassedDossier();
        engine.TsaDown = true;
        await Run((await TaskOf(waiting)).Id);

        var after = await (await admin.GetAsync("/api/v1/admin/long-term")).Json();
        Assert.Equal(before.GetProperty("levels").GetProperty("B-LT").GetInt64() + 1, after.GetProperty("levels").GetProperty("B-LT").GetInt64());
        var row = Assert.Single(after.GetProperty("waiting").EnumerateArray(), w => w.GetProperty("service").GetString() == "timestamp@127.0.0.1:9103");
        Assert.Equal(("retrying", "timestamp", 1), (row.GetProperty("state").GetString(), row.GetProperty("waitingFor").GetString(), row.GetProperty("count").GetInt32()));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await hub.Client(TestHub.PortalKey).GetAsync("/api/v1/admin/long-term")).StatusCode);

        // Two dossiers added two vertical-system rows, and nothing more, to the delivery counts.
        var deliveriesAfter = await (await admin.GetAsync("/api/v1/admin/deliveries/counts")).Json();
        long Total(JsonElement counts) => counts.GetProperty("states").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(Total(deliveriesBefore) + 2, Total(deliveriesAfter));
        Assert.Equal(deliveriesBefore.GetProperty("nationalPortal").ToString(), deliveriesAfter.GetProperty("nationalPortal").ToString());
    }
}
