using System.Text.Json;
using IntegrationHub.LongTerm;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// The long-term jobs with the real engine, from intake to B-LTA: a CAdES-B-T document accepted as TOTAL_PASSED is
/// stored B-LT, then B-LTA when its TSA certificate comes within the margins. The clock moves ten months here, so
/// this class has its hub to itself.
/// </summary>
public sealed class EngineLongTermTests(EnginePkiHub fixture) : IClassFixture<EnginePkiHub>
{
    private static readonly byte[] Content = "Giấy chứng nhận quyền sử dụng đất số CS 012345"u8.ToArray();

    [RequiresToolFact("openssl")]
    public async Task A_B_T_document_accepted_at_intake_is_stored_B_LT_then_B_LTA_before_its_TSA_certificate_runs_out()
    {
        var admin = fixture.Hub.Client(TestHub.AdminKey);
        var before = (await (await admin.GetAsync("/api/v1/admin/long-term")).Json()).GetProperty("levels");
        var signature = await fixture.SignAsync(Content, fixture.NewSigner(), withTimestamp: true);
        var (code, report) = await fixture.SubmitAsync(Content, signature);
        Assert.True(report.GetProperty("signatures")[0].GetProperty("level").GetString() == "B-T", report.ToString());
        Assert.Equal("TOTAL_PASSED", report.GetProperty("indication").GetString());
        var firstTsa = fixture.Tsa.Certificate;

        await fixture.Run((await fixture.TaskOf(code)).Id);

        var (lt, ltBytes) = await fixture.StoredAsync(code, 0);
        Assert.Equal("B-LT", lt.Level);
        await AssertStoredIsAsync(ltBytes, "B-LT");
        // B-LT lasts while its signature timestamp can be checked: renew before that TSA certificate runs out, with the margin.
        Assert.Equal(new DateTimeOffset(firstTsa.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(30), lt.RenewBefore);
        Assert.Equal(signature, await fixture.Store.GetDocumentContentAsync((await fixture.Store.GetAsync(code))!.Documents[0].DetachedSignatureSha256!));
        var view = await fixture.LongTermOf(code);
        Assert.Equal(("B-LT", JsonValueKind.Null), (view.GetProperty("level").GetString(), view.GetProperty("task").ValueKind));

        // Nothing to renew yet. The B-LTA is queued here as the sweep would queue it within the margin: moving the clock
        // the ten months there makes BouncyCastle's revocation check refuse a "validation time in future" (see README).
        Assert.DoesNotContain(await fixture.Store.FindRenewalsDueAsync(fixture.Hub.Time.GetUtcNow().AddDays(30), 1000), r => r.DossierCode == code);
        fixture.Hub.Time.Advance(TimeSpan.FromDays(1));
        fixture.NewTsa();   // the TSA has rolled its certificate meanwhile
        await ((IntegrationHub.Core.Ports.IOutboxStore)fixture.Store).EnqueueAsync([(code, LongTermTasks.For(code, 0, 1))], CancellationToken.None);
        var renewal = await fixture.TaskOf(code, generation: 1);
        await fixture.Run(renewal.Id);
        var done = (await fixture.Store.GetDeliveryAsync(renewal.Id))!;
        Assert.True(done.State == IntegrationHub.Core.Ports.DeliveryState.Delivered, done.LastError);

        var (lta, ltaBytes) = await fixture.StoredAsync(code, 1);
        Assert.Equal("B-LTA", lta.Level);
        await AssertStoredIsAsync(ltaBytes, "B-LTA");
        // RenewBefore now follows the archive timestamp's TSA, not the signature timestamp's.
        Assert.Equal(new DateTimeOffset(fixture.Tsa.Certificate.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(30), lta.RenewBefore);
        Assert.NotEqual(lt.RenewBefore, lta.RenewBefore);
        Assert.Equal(("B-LTA", lta.RenewBefore), ((await fixture.LongTermOf(code)).GetProperty("level").GetString(),
            (await fixture.LongTermOf(code)).GetProperty("renewBefore").GetDateTimeOffset()));

        var after = (await (await admin.GetAsync("/api/v1/admin/long-term")).Json()).GetProperty("levels");
        Assert.Equal(before.GetProperty("B-LT").GetInt64(), after.GetProperty("B-LT").GetInt64());
        Assert.Equal(before.GetProperty("B-LTA").GetInt64() + 1, after.GetProperty("B-LTA").GetInt64());
    }

    /// <summary>The stored bytes on their own: the hub's validator gives the level and TOTAL_PASSED, and openssl verifies the CMS.</summary>
    private async Task AssertStoredIsAsync(byte[] stored, string level)
    {
        var report = fixture.Validate(Content, stored);
        Assert.True(report.Indication == Indication.TotalPassed, string.Join(" ", report.Signatures.SelectMany(s => s.Errors)));
        Assert.Equal(level, Assert.Single(report.Signatures).Level);

        var work = Directory.CreateTempSubdirectory("hub-lt-verify-").FullName;
        try
        {
            var (content, signature) = (Path.Combine(work, "content.txt"), Path.Combine(work, "stored.p7s"));
            await File.WriteAllBytesAsync(content, Content);
            await File.WriteAllBytesAsync(signature, stored);
            await Tools.MustRun("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", content,
                "-CAfile", fixture.RootPem, "-purpose", "any", "-out", "/dev/null");
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
