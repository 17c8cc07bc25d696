using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

public sealed class DossierStoreTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Created_dossier_reads_back_with_every_field(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var sig = new byte[] { 0x30, 0x82, 0x01, 0x02 };
        var doc = Samples.Pdf("hello") with { DetachedSignature = sig, Flagged = true };
        var submitted = Samples.Dossier("000.00.25.H47-261128-0001", documents: doc);

        var result = await t.Store.TryCreateAsync(submitted, Samples.Outbox(submitted.Code), Samples.Portal);
        var read = await t.Store.GetAsync(submitted.Code);

        Assert.Equal(CreateOutcome.Created, result.Outcome);
        Assert.NotNull(read);
        Assert.Equal(submitted.ReceivedAt, read.ReceivedAt);
        Assert.Equal(submitted.ReceivedAt.Offset, read.ReceivedAt.Offset);
        Assert.Equal(submitted.DueAt, read.DueAt);
        Assert.Equal(submitted.DueAt, read.OriginalDueAt);
        Assert.Equal(submitted.DueAt, read.Times.EffectiveDueAt);
        Assert.Equal(submitted.Applicant, read.Applicant);
        Assert.Equal(DossierStatus.Registered, read.Status);
        Assert.Equal("planning-investment", read.VerticalSystem);
        Assert.Equal(SubmissionFingerprint.Compute(submitted), read.SubmissionHash);
        var stored = Assert.Single(read.Documents);
        Assert.Equal(SubmissionFingerprint.Sha256Hex(doc.Content), stored.Sha256);
        Assert.Equal(SubmissionFingerprint.Sha256Hex(sig), stored.DetachedSignatureSha256);
        Assert.Equal(doc.Content.LongLength, stored.Size);
        Assert.True(stored.Flagged);
        Assert.Equal(doc.SignatureReportJson, stored.SignatureReportJson);
        Assert.Equal(doc.Content, await t.Store.GetDocumentContentAsync(stored.Sha256));
        Assert.Equal(sig, await t.Store.GetDocumentContentAsync(stored.DetachedSignatureSha256!));
        Assert.Equal(result.Dossier, read, new DossierComparer());
        Assert.Equal(1, await t.CountAsync("outbox"));
        Assert.Equal(1, await t.CountAsync("audit_log", "subject = @code AND action = 'dossier.created'", new { code = submitted.Code }));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Same_code_and_same_content_returns_the_stored_dossier_and_writes_nothing(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var submitted = Samples.Dossier("000.00.25.H47-261128-0002");
        await t.Store.TryCreateAsync(submitted, Samples.Outbox(submitted.Code), Samples.Portal);

        // The host recomputes reports and due date on a retry; they are not part of the submitted content.
        var again = submitted with { DueAt = submitted.DueAt!.Value.AddHours(1) };
        var result = await t.Store.TryCreateAsync(again, Samples.Outbox(submitted.Code), Samples.Portal);

        Assert.Equal(CreateOutcome.Existing, result.Outcome);
        Assert.Equal(submitted.DueAt, result.Dossier.DueAt);
        Assert.Equal(1, await t.CountAsync("dossiers"));
        Assert.Equal(1, await t.CountAsync("outbox"));
        Assert.Equal(1, await t.CountAsync("audit_log"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Same_code_with_other_content_is_a_conflict_and_changes_nothing(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var first = Samples.Dossier("000.00.25.H47-261128-0003");
        await t.Store.TryCreateAsync(first, Samples.Outbox(first.Code), Samples.Portal);

        var other = Samples.Dossier(first.Code, applicantName: "Nguyễn Thị Hoa", documents: Samples.Pdf("other bytes"));
        var result = await t.Store.TryCreateAsync(other, Samples.Outbox(first.Code, "other-message"), Samples.Portal);

        Assert.Equal(CreateOutcome.Conflict, result.Outcome);
        Assert.Equal("Trần Tấn Phú", result.Dossier.Applicant.Name);
        Assert.Equal(1, await t.CountAsync("blobs"));
        Assert.Equal(1, await t.CountAsync("outbox"));
        Assert.Equal(1, await t.CountAsync("audit_log"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_concurrent_duplicate_submissions_create_exactly_one_dossier(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var submitted = Samples.Dossier("000.00.25.H47-261128-0004");
        // Separate store objects on the same database behave like separate hub nodes.
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => t.ReopenAsync()));
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores[i % stores.Length].TryCreateAsync(submitted, Samples.Outbox(submitted.Code), Samples.Portal);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Outcome == CreateOutcome.Created);
        Assert.Equal(19, results.Count(r => r.Outcome == CreateOutcome.Existing));
        Assert.Equal(1, await t.CountAsync("dossiers"));
        Assert.Equal(1, await t.CountAsync("dossier_documents"));
        Assert.Equal(1, await t.CountAsync("outbox"));
        Assert.Equal(1, await t.CountAsync("audit_log"));
        Assert.True((await t.Store.VerifyAsync()).Ok);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failure_inside_the_transaction_leaves_no_dossier_document_outbox_or_audit_entry(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var first = Samples.Dossier("000.00.25.H47-261128-0005");
        await t.Store.TryCreateAsync(first, Samples.Outbox(first.Code, "message-1"), Samples.Portal);

        // The outbox insert comes after the dossier and its documents; a clashing message id makes it fail there.
        var second = Samples.Dossier("000.00.25.H47-261128-0006", documents: Samples.Pdf("unique content of the failed dossier"));
        await Assert.ThrowsAnyAsync<Exception>(() => t.Store.TryCreateAsync(second, Samples.Outbox(second.Code, "message-1"), Samples.Portal));

        Assert.Null(await t.Store.GetAsync(second.Code));
        Assert.Equal(1, await t.CountAsync("dossiers"));
        Assert.Equal(1, await t.CountAsync("dossier_documents"));
        Assert.Equal(1, await t.CountAsync("blobs"));
        Assert.Equal(1, await t.CountAsync("audit_log"));
        Assert.True((await t.Store.VerifyAsync()).Ok);
        // And the code is still free: a correct retry is created.
        Assert.Equal(CreateOutcome.Created, (await t.Store.TryCreateAsync(second, Samples.Outbox(second.Code, "message-2"), Samples.Portal)).Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_document_sent_with_several_dossiers_is_stored_once_by_sha256(string provider)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var shared = Samples.Pdf("the same certified copy", "ban-sao.pdf");
        for (var i = 1; i <= 3; i++)
        {
            var code = $"000.00.25.H47-261128-{i:D4}";
            await t.Store.TryCreateAsync(Samples.Dossier(code, documents: [shared, Samples.Pdf("own " + i)]), null, Samples.Portal);
        }

        Assert.Equal(4, await t.CountAsync("blobs"));
        Assert.Equal(6, await t.CountAsync("dossier_documents"));
        var sha = SubmissionFingerprint.Sha256Hex(shared.Content);
        Assert.Equal(3, await t.CountAsync("dossier_documents", "sha256 = @sha", new { sha }));
        Assert.Equal(shared.Content, await t.Store.GetDocumentContentAsync(sha.ToUpperInvariant()));
        Assert.Null(await t.Store.GetDocumentContentAsync(new string('0', 64)));
    }

    [Fact]
    public async Task Sqlite_store_is_a_real_file_in_the_data_folder_in_wal_mode_synced_at_every_commit()
    {
        await using var t = await TestStore.CreateAsync(StorageOptions.Sqlite);
        await t.Store.TryCreateAsync(Samples.Dossier("000.00.25.H47-261128-0009"), null, Samples.Portal);

        Assert.True(File.Exists(Path.Combine(t.Options.DataDir, "hub.db")));
        await using var c = await t.Store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        // FULL (2): a 201 means the dossier is on the disk, power cut included; NORMAL (1) would survive only a crash.
        cmd.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    /// <summary>Records holding lists compare by reference; this compares what matters here.</summary>
    private sealed class DossierComparer : IEqualityComparer<Dossier>
    {
        private static readonly DossierDocument[] NoDocuments = [];
        private static readonly StatusEvent[] NoEvents = [];

        public bool Equals(Dossier? x, Dossier? y) => x is not null && y is not null
            && x with { Documents = NoDocuments, History = NoEvents } == y with { Documents = NoDocuments, History = NoEvents }
            && x.Documents.SequenceEqual(y.Documents);
        public int GetHashCode(Dossier obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
