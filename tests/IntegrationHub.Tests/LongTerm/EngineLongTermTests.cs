using System.Text.Json;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.LongTerm;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// The long-term jobs with the real engine, from intake to B-LTA: a CAdES-B-T document accepted as TOTAL_PASSED is
/// stored B-LT, then, when the recurring sweep finds its TSA certificate within the margin, B-LTA, and later renewed.
/// The clock moves twenty months here, so this class has its hub to itself.
/// </summary>
public sealed class EngineLongTermTests(EnginePkiHub fixture) : IClassFixture<EnginePkiHub>
{
    private static readonly byte[] Content = "Giấy chứng nhận quyền sử dụng đất số CS 012345"u8.ToArray();

    [RequiresToolFact("openssl")]
    public async Task A_B_T_document_accepted_at_intake_is_stored_B_LT_then_B_LTA_before_its_TSA_certificate_runs_out()
    {
        var admin = fixture.Hub.Client(TestHub.AdminKey);
        var before = (await (await admin.GetAsync("/api/v1/admin/long-term")).Json()).GetProperty("levels");
        var signer = fixture.NewSigner();
        var signature = await fixture.SignAsync(Content, signer, withTimestamp: true);
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

        // Nothing to renew yet; ten months on the sweep itself finds the B-LT due (its TSA certificate within the margin).
        var sweep = fixture.Hub.Service<LongTermSweepJob>();
        await sweep.RunAsync(CancellationToken.None);
        Assert.DoesNotContain((await fixture.Store.ListDeliveriesAsync(new IntegrationHub.Core.Ports.DeliveryQuery(
            VerticalSystem: LongTermTarget.Name, DossierCode: code))).Items, d => d.MessageId == $"{code}:lt-0-1");
        fixture.Hub.Time.Advance(lt.RenewBefore!.Value - fixture.Hub.Time.GetUtcNow() + TimeSpan.FromDays(-20));
        Assert.True(fixture.Hub.Time.GetUtcNow() > DateTimeOffset.UtcNow.AddDays(200), "the fake clock is months after the real one");
        fixture.NewTsa();   // the TSA has rolled its certificate meanwhile
        Assert.True(await sweep.RunAsync(CancellationToken.None) >= 1);
        var renewal = await fixture.TaskOf(code, generation: 1);
        await fixture.Run(renewal.Id);
        var done = (await fixture.Store.GetDeliveryAsync(renewal.Id))!;
        Assert.True(done.State == IntegrationHub.Core.Ports.DeliveryState.Delivered, done.LastError);

        var (lta, ltaBytes) = await fixture.StoredAsync(code, 1);
        Assert.Equal("B-LTA", lta.Level);
        await AssertStoredIsAsync(ltaBytes, "B-LTA");
        await AssertArchiveTimestampsVerifyAsync(ltaBytes, 1);
        // RenewBefore now follows the archive timestamp's TSA, not the signature timestamp's.
        Assert.Equal(new DateTimeOffset(fixture.Tsa.Certificate.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(30), lta.RenewBefore);
        Assert.NotEqual(lt.RenewBefore, lta.RenewBefore);
        Assert.Equal(("B-LTA", lta.RenewBefore), ((await fixture.LongTermOf(code)).GetProperty("level").GetString(),
            (await fixture.LongTermOf(code)).GetProperty("renewBefore").GetDateTimeOffset()));

        var after = (await (await admin.GetAsync("/api/v1/admin/long-term")).Json()).GetProperty("levels");
        Assert.Equal(before.GetProperty("B-LT").GetInt64(), after.GetProperty("B-LT").GetInt64());
        Assert.Equal(before.GetProperty("B-LTA").GetInt64() + 1, after.GetProperty("B-LTA").GetInt64());

        // Ten months more (the signer's certificate has expired by now): a later sweep renews the B-LTA with a new
        // archive timestamp over the old one, and the result still validates as B-LTA.
        fixture.Hub.Time.Advance(lta.RenewBefore!.Value - fixture.Hub.Time.GetUtcNow() + TimeSpan.FromDays(-20));
        Assert.True(fixture.Hub.Time.GetUtcNow() > signer.Certificate.NotAfter.ToUniversalTime());
        fixture.NewTsa();
        Assert.True(await sweep.RunAsync(CancellationToken.None) >= 1);
        var second = await fixture.TaskOf(code, generation: 2);
        await fixture.Run(second.Id);
        var secondDone = (await fixture.Store.GetDeliveryAsync(second.Id))!;
        Assert.True(secondDone.State == IntegrationHub.Core.Ports.DeliveryState.Delivered, secondDone.LastError);
        var (renewed, renewedBytes) = await fixture.StoredAsync(code, 2);
        Assert.Equal("B-LTA", renewed.Level);
        await AssertStoredIsAsync(renewedBytes, "B-LTA");
        await AssertArchiveTimestampsVerifyAsync(renewedBytes, 2);
        Assert.Equal(new DateTimeOffset(fixture.Tsa.Certificate.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(30), renewed.RenewBefore);
    }

    /// <summary>
    /// `openssl ts -verify` on each archive timestamp of the stored bytes, over the bytes it imprints (rebuilt from the
    /// file as stored), at the fake clock's time; the newest covers the older ones, and altered data does not verify.
    /// </summary>
    private async Task AssertArchiveTimestampsVerifyAsync(byte[] stored, int expected)
    {
        using var file = new MemoryStream(stored);
        using var content = new MemoryStream(Content);
        var evidence = new IntegrationHub.Signatures.Cms.CmsSignatureFormat()
            .Read(new IntegrationHub.Signatures.Formats.SignedFile("stored.p7s", file, content)).Single();
        var archives = evidence.Timestamps.Where(t => t.Type == "ARCHIVE_TIMESTAMP").ToList();
        Assert.Equal(expected, archives.Count);
        var work = Directory.CreateTempSubdirectory("hub-lt-ts-").FullName;
        try
        {
            var untrusted = Path.Combine(work, "tsa.pem");
            await File.WriteAllTextAsync(untrusted, string.Concat(evidence.Certificates.Select(c => c.ExportCertificatePem() + "\n")));
            var at = fixture.Hub.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < archives.Count; i++)
            {
                var (token, data, other) = (Path.Combine(work, $"ats{i}.der"), Path.Combine(work, $"ats{i}.bin"), Path.Combine(work, $"ats{i}.other"));
                await File.WriteAllBytesAsync(token, archives[i].Token);
                await File.WriteAllBytesAsync(data, archives[i].TimestampedData);
                await File.WriteAllBytesAsync(other, [.. archives[i].TimestampedData, 0]);
                string[] Verify(string over) => ["ts", "-verify", "-token_in", "-in", token, "-data", over, "-CAfile", fixture.RootPem,
                    "-untrusted", untrusted, "-attime", at];
                await Tools.MustRun("openssl", Verify(data));
                Assert.NotEqual(0, (await Tools.Run("openssl", Verify(other))).ExitCode);
            }
            // The newer archive timestamp covers the older: its ats-hash-index-v3 (EN 319 122-1 5.5.3) holds the SHA-256 of
            // the older attribute (type, then value), and what it imprints holds that index.
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            writer.WriteObjectIdentifier("0.4.0.1733.2.4");
            for (var i = 1; i < archives.Count; i++)
            {
                var older = System.Security.Cryptography.SHA256.HashData([.. writer.Encode(), .. archives[i - 1].Token]);
                Assert.True(archives[i].TimestampedData.AsSpan().IndexOf(older) >= 0, "the new archive timestamp covers the old");
                Assert.True(archives[0].TimestampedData.AsSpan().IndexOf(older) < 0);
            }
        }
        finally { Directory.Delete(work, recursive: true); }
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
