using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Augmentation;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Tests.Timestamps;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Org.BouncyCastle.Ocsp;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>
/// PAdES through the augmentation engine end to end: B-T → B-LT → B-LTA → renewal against OCSP, CRL and TSA on
/// loopback; the files checked by pdfsig, qpdf and openssl; validated late and offline from the DSS alone; and tampered
/// after the last document timestamp (DSS edits, a damaged token, a shadowed page), which must never pass.
/// </summary>
public sealed class PadesEndToEndTests(PadesLongTermChain f, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PadesLongTermChain>
{
    private ValidationReport Validate(byte[] pdf, DateTimeOffset? at = null)
    {
        using var file = new MemoryStream(pdf, writable: false);
        var report = new SignatureValidator(TimeProvider.System).Validate(new SignedFile("document.pdf", file), AugmentationSupport.Offline(f.Pki, at));
        output.WriteLine(string.Join("\n", report.Signatures.SelectMany(s => s.Errors.Concat(s.Warnings).Prepend($"{s.Id} {s.Indication}/{s.SubIndication} {s.Level}"))));
        return report;
    }

    private static PdfDss Dss(byte[] pdf) => PdfDss.Read(PdfFile.Open(new MemoryStream(pdf)))!;

    private static string Reasons(SignatureReport s) => string.Join(" ", s.Errors.Concat(s.Warnings));

    [RequiresToolFact("openssl")]
    public void Each_step_reaches_its_level_and_only_appends_to_the_one_before()
    {
        Assert.Equal("B-LT", f.LT.Report.Signatures[0].Level);
        Assert.Equal("B-LTA", f.LTA.Report.Signatures[0].Level);
        Assert.Equal("B-LTA", f.Renewed.Report.Signatures[0].Level);
        Assert.All(new[] { f.LT, f.LTA, f.Renewed }, r => Assert.Equal(Indication.TotalPassed, r.Report.Indication));
        Assert.True(f.LT.Document.AsSpan(0, f.BT.Length).SequenceEqual(f.BT));
        Assert.True(f.LTA.Document.AsSpan(0, f.LT.Document.Length).SequenceEqual(f.LT.Document));
        Assert.True(f.Renewed.Document.AsSpan(0, f.LTA.Document.Length).SequenceEqual(f.LTA.Document));
        Assert.Equal([0, 1, 2], new[] { f.LT, f.LTA, f.Renewed }.Select(r => LongTermPdfParts.Signatures(r.Document).Count(s => s.IsDocumentTimestamp)));
    }

    [RequiresToolFact("openssl")]
    public void After_B_LTA_the_DSS_holds_the_TSA_certificate_and_its_OCSP_response()
    {
        var dss = Dss(f.LTA.Document);
        Assert.Contains(dss.Certs, c => c.Der.AsSpan().SequenceEqual(f.Pki.Tsa.Certificate.RawData));
        var serials = dss.Ocsps.SelectMany(o => ((BasicOcspResp)new OcspResp(o.Der).GetResponseObject()).Responses)
            .Select(r => r.GetCertID().SerialNumber.ToString(16).ToUpperInvariant()).ToList();
        Assert.Contains(f.Pki.Tsa.Certificate.SerialNumber.TrimStart('0'), serials);
        Assert.Contains(f.Pki.Signer.Certificate.SerialNumber.TrimStart('0'), serials);
        // The renewal gives the first document timestamp its own VRI entry.
        var timestamp = LongTermPdfParts.Signatures(f.LTA.Document).Single(s => s.IsDocumentTimestamp);
        Assert.Contains(Convert.ToHexString(SHA1.HashData(timestamp.Contents)), Dss(f.Renewed.Document).Vri!.Keys);
    }

    [RequiresToolFact("openssl")]
    public void Renewed_B_LTA_validates_TOTAL_PASSED_offline_after_every_certificate_expired()
    {
        var late = Validate(f.Renewed.Document, f.Pki.Late);

        var signature = Assert.Single(late.Signatures);
        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", signature.Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], signature.Timestamps.Select(t => t.Type));
        Assert.All(signature.Timestamps, t => Assert.Equal(Indication.TotalPassed, t.Indication));
        Assert.True(signature.BestSignatureTime < f.Pki.Signer.Certificate.NotAfter);
        foreach (var certificate in new[] { f.Pki.Signer, f.Pki.IssuingCa, f.Pki.Tsa, f.Pki.OcspResponder })
            Assert.True(certificate.Certificate.NotAfter < f.Pki.Late.UtcDateTime);
    }

    [RequiresToolFact("openssl")]
    public void B_LTA_with_one_document_timestamp_validates_late_too_and_B_LT_does_not()
    {
        var lta = Validate(f.LTA.Document, f.Pki.Late);
        Assert.Equal(Indication.TotalPassed, lta.Indication);
        Assert.Equal("B-LTA", lta.Signatures[0].Level);

        var lt = Validate(f.LT.Document, f.Pki.Late);
        Assert.Equal(Indication.Indeterminate, lt.Indication);
    }

    [RequiresToolFact("pdfsig")]
    public void Pdfsig_lists_the_signature_and_both_document_timestamps()
    {
        var text = PdfTools.Pdfsig(f.Renewed.Document);
        output.WriteLine(text);

        Assert.Contains("Signature #1", text);
        Assert.Contains("Signature #3", text);
        Assert.DoesNotContain("Signature #4", text);
        Assert.Equal(1, PdfTools.Count(text, "Signature Validation: Signature is Valid."));
        Assert.Equal(2, PdfTools.Count(text, "Signer Certificate Common Name: Long-term Test TSA (TEST ONLY)"));
        foreach (var t in LongTermPdfParts.Signatures(f.Renewed.Document).Where(s => s.IsDocumentTimestamp))
            Assert.Contains($"Signed Ranges: [0 - {t.ByteRange[1]}], [{t.ByteRange[2]} - {t.ByteRange[2] + t.ByteRange[3]}]", text);
    }

    [RequiresToolFact("qpdf")]
    public void Qpdf_finds_the_file_sound_and_shows_the_DSS_with_VRI_certs_OCSPs_and_CRLs()
    {
        var path = f.Write("pades-renewed.pdf", f.Renewed.Document);
        var check = Cms.Fixtures.Tools.Run("qpdf", "--check", path);
        // Exit 3 is "warnings only"; allowed only about PDFsharp's own objects, before the hub's updates.
        Assert.True(check.ExitCode is 0 or 3, check.Output);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(check.Output, @"\(offset (\d+)\)"))
            Assert.True(long.Parse(m.Groups[1].Value) < f.BT.Length, check.Output);

        var json = Cms.Fixtures.Tools.Run("qpdf", "--json", "--json-key=qpdf", path);
        Assert.True(json.ExitCode is 0 or 3, json.Output);
        using var doc = JsonDocument.Parse(json.Output);
        var objects = doc.RootElement.GetProperty("qpdf")[1];
        JsonElement Value(string reference) => objects.GetProperty($"obj:{reference}").GetProperty("value");
        var root = objects.GetProperty("trailer").GetProperty("value").GetProperty("/Root").GetString()!;
        var dss = Value(Value(root).GetProperty("/DSS").GetString()!);
        var signatures = LongTermPdfParts.Signatures(f.Renewed.Document);
        Assert.Equal(Dss(f.Renewed.Document).Certs.Count, dss.GetProperty("/Certs").GetArrayLength());
        Assert.True(dss.GetProperty("/OCSPs").GetArrayLength() >= 2);
        Assert.True(dss.GetProperty("/CRLs").GetArrayLength() >= 1);
        var vri = dss.GetProperty("/VRI");
        Assert.True(vri.TryGetProperty("/" + Convert.ToHexString(SHA1.HashData(signatures[0].Contents)), out _), vri.ToString());
        Assert.True(vri.TryGetProperty("/" + Convert.ToHexString(SHA1.HashData(signatures[1].Contents)), out _), vri.ToString());
    }

    [RequiresToolFact("openssl")]
    public void Openssl_ts_verifies_each_document_timestamp_over_its_ByteRange_bytes()
    {
        var timestamps = LongTermPdfParts.Signatures(f.Renewed.Document).Where(s => s.IsDocumentTimestamp).ToList();
        Assert.Equal(2, timestamps.Count);
        for (var i = 0; i < timestamps.Count; i++)
        {
            var token = f.Write($"pades-doc-ts-{i}.tst", timestamps[i].Contents);
            var data = f.Write($"pades-doc-ts-{i}.bin", timestamps[i].Covered(f.Renewed.Document));
            var (code, text) = Cms.Fixtures.Tools.Run("openssl", "ts", "-verify", "-data", data, "-in", token, "-token_in",
                "-CAfile", f.Pki.Path("root-ca.pem"), "-untrusted", f.Pki.Path("issuing-ca.crt"));
            Assert.True(code == 0, text);
            Assert.Contains("Verification: OK", text);
            var other = f.Write($"pades-doc-ts-{i}.other", [.. timestamps[i].Covered(f.Renewed.Document), (byte)' ']);
            Assert.NotEqual(0, Cms.Fixtures.Tools.Run("openssl", "ts", "-verify", "-data", other, "-in", token, "-token_in",
                "-CAfile", f.Pki.Path("root-ca.pem"), "-untrusted", f.Pki.Path("issuing-ca.crt")).ExitCode);
        }
    }

    [RequiresToolFact("openssl")]
    public void Removing_an_OCSP_stream_from_the_DSS_after_the_document_timestamp_fails_naming_the_DSS()
    {
        var tampered = EditDss(f.Renewed.Document, (dss, _) => dss.Entries["OCSPs"] = new PdfArray([.. ((PdfArray)dss["OCSPs"]!).Items.Skip(1)]));

        var signature = Validate(tampered, f.Pki.Late).Signatures[0];

        Assert.NotEqual(Indication.TotalPassed, signature.Indication);
        Assert.Contains("/OCSPs", Reasons(signature));
        Assert.Contains("DSS", Reasons(signature));
    }

    [RequiresToolFact("openssl")]
    public void Replacing_a_certificate_in_the_DSS_after_the_document_timestamp_fails_naming_the_DSS()
    {
        var tampered = EditDss(f.Renewed.Document, (dss, add) =>
        {
            var certs = ((PdfArray)dss["Certs"]!).Items;
            certs[0] = add(f.Pki.Revoked.Certificate.RawData);
        });

        var signature = Validate(tampered, f.Pki.Late).Signatures[0];

        Assert.NotEqual(Indication.TotalPassed, signature.Indication);
        Assert.Contains("/Certs", Reasons(signature));
    }

    [RequiresToolFact("openssl")]
    public void Adding_data_to_the_DSS_after_the_last_document_timestamp_is_allowed()
    {
        // What a renewal does before its next timestamp: only adds. It must not be mistaken for tampering.
        var added = EditDss(f.Renewed.Document, (dss, add) => ((PdfArray)dss["Certs"]!).Items.Add(add(f.Pki.OcspResponder.Certificate.RawData)));

        var report = Validate(added, f.Pki.Late);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("B-LTA", report.Signatures[0].Level);
    }

    [RequiresToolFact("openssl")]
    public void A_flipped_byte_inside_the_last_document_timestamp_fails_the_long_term_level()
    {
        var last = LongTermPdfParts.Signatures(f.Renewed.Document).Last(s => s.IsDocumentTimestamp);
        var tampered = (byte[])f.Renewed.Document.Clone();
        // Inside the token's last element, the TSA's signature value (the hex digits of /Contents after '<').
        var at = (int)last.ByteRange[1] + 1 + 2 * (last.Contents.Length - 8);
        tampered[at] = (byte)(tampered[at] == (byte)'0' ? '1' : '0');

        var signature = Validate(tampered).Signatures[0];

        Assert.NotEqual(Indication.TotalPassed, signature.Indication);
        Assert.NotEqual("B-LTA", signature.Level);
        Assert.Contains(signature.Errors, e => e.Contains("archive timestamp", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Indication.TotalPassed, signature.Timestamps[1].Indication);
        Assert.NotEqual(Indication.TotalPassed, signature.Timestamps[2].Indication);
    }

    [RequiresToolFact("openssl")]
    public void A_flipped_byte_inside_an_earlier_document_timestamp_fails_the_one_after_it()
    {
        var first = LongTermPdfParts.Signatures(f.Renewed.Document).First(s => s.IsDocumentTimestamp);
        var tampered = (byte[])f.Renewed.Document.Clone();
        var at = (int)first.ByteRange[1] + 1 + 2 * (first.Contents.Length - 8);
        tampered[at] = (byte)(tampered[at] == (byte)'0' ? '1' : '0');

        var signature = Validate(tampered, f.Pki.Late).Signatures[0];

        Assert.Equal(Indication.TotalFailed, signature.Indication);
        Assert.Contains("document timestamp", Reasons(signature));
    }

    [RequiresToolFact("openssl")]
    public async Task A_later_document_timestamp_that_does_not_verify_is_not_ignored_when_an_earlier_one_does()
    {
        // An archive timestamp from a TSA no anchor vouches for: the earlier one still verifies, but the file claims an
        // archive timestamp the validator cannot accept, so B-LTA is not reached and the signature does not pass.
        var root = F.Root(F.Name("Unknown Root (TEST ONLY)"), f.Pki.Now.AddDays(-1), f.Pki.Now.AddYears(1), 2048);
        var stranger = F.Issue(root, F.Name("Unknown TSA (TEST ONLY)"), RSA.Create(2048), f.Pki.Now.AddDays(-1), f.Pki.Now.AddYears(1),
            new CertificateProfile(System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature)
            { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true });
        using var tsa = new LoopbackTsa(new TimestampResponder(stranger.WithKey(), TimeProvider.System));
        using var http = new HttpClient();
        var stamped = await new PadesAugmenter(TimeProvider.System).AddArchiveTimestampAsync(f.LTA.Document, null,
            new TimestampClient(http, tsa.Url), HashAlgorithmName.SHA256);

        var signature = Validate(stamped).Signatures[0];

        Assert.Equal(Indication.TotalPassed, signature.Timestamps[1].Indication);
        Assert.NotEqual(Indication.TotalPassed, signature.Timestamps[2].Indication);
        Assert.NotEqual(Indication.TotalPassed, signature.Indication);
        Assert.Equal("B-LT", signature.Level);
        Assert.Contains(signature.Errors, e => e.Contains("archive timestamp", StringComparison.OrdinalIgnoreCase) && e.Contains("Unknown TSA"));
    }

    [RequiresToolFact("openssl")]
    public void An_object_appended_after_the_last_document_timestamp_without_an_update_of_its_own_fails()
    {
        var appended = System.Text.Encoding.Latin1.GetBytes("4 0 obj\n<</Length 8>>\nstream\nBT ET \n\nendstream\nendobj\n");

        var signature = Validate([.. f.Renewed.Document, .. appended], f.Pki.Late).Signatures[0];

        Assert.Equal(Indication.TotalFailed, signature.Indication);
        Assert.Equal("FORMAT_FAILURE", signature.SubIndication);
        Assert.Contains("not a well-formed incremental update", Reasons(signature));
    }

    [RequiresToolFact("openssl")]
    public void Shadowing_page_content_after_the_last_document_timestamp_fails_naming_the_modification()
    {
        var file = PdfFile.Open(new MemoryStream(f.Renewed.Document));
        var catalog = file.ResolveDict(file.Trailer["Root"])!;
        var pages = file.ResolveDict(catalog["Pages"])!;
        var page = file.ResolveDict(((PdfArray)pages["Kids"]!).Items[0])!;
        var contents = page["Contents"] is PdfArray array ? (PdfRef)array.Items[0] : (PdfRef)page["Contents"]!;
        var tampered = MiniPdf.AppendRevision(f.Renewed.Document, (contents.Number, "<<>>", MiniPdf.Content("Pay 999")));

        var signature = Validate(tampered, f.Pki.Late).Signatures[0];

        Assert.Equal(Indication.TotalFailed, signature.Indication);
        Assert.Contains($"object {contents.Number}", Reasons(signature));
        Assert.Contains("modified", Reasons(signature));
    }

    [RequiresToolFact("openssl")]
    public async Task The_VRI_time_of_update_is_the_engine_clock_not_the_machine_clock()
    {
        var at = f.Pki.Now.AddMinutes(17).AddSeconds(3);
        await using var servers = f.Pki.Serve();
        var bt = await f.SignAsync(servers);

        var lt = await new SignatureAugmenter(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at))
            .AugmentAsync(bt, null, AugmentationTarget.Lt, AugmentationSupport.Online(f.Pki, servers));

        var entry = Assert.Single(Dss(lt.Document).Vri!).Value;
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"D:{at.UtcDateTime:yyyyMMddHHmmss}+00'00'"),
            (entry["TU"] as PdfString)!.AsText());
    }

    [RequiresToolFact("openssl")]
    public async Task A_B_B_PDF_becomes_B_T_by_a_document_timestamp_checked_by_pdfsig_qpdf_openssl_and_the_hub()
    {
        using var key = f.Pki.Signer.WithKey();
        var bb = await LocalSigner.SignAsync(new PadesSigner(), PdfSharpPdf.Make(), key,
            new SigningParameters(f.Pki.Now, HashAlgorithmName.SHA256, [f.Pki.IssuingCa.Certificate]));
        Assert.Equal("B-B", Validate(bb).Signatures[0].Level);
        byte[] bt;
        await using (var servers = f.Pki.Serve())
            bt = await new PadesAugmenter(TimeProvider.System).AddSignatureTimestampAsync(bb, servers.TsaClient, HashAlgorithmName.SHA256);

        Assert.True(bt.AsSpan(0, bb.Length).SequenceEqual(bb));
        var signature = Validate(bt).Signatures[0];
        Assert.Equal(Indication.TotalPassed, signature.Indication);
        Assert.Equal("B-T", signature.Level);
        var timestamp = Assert.Single(signature.Timestamps);
        Assert.Equal(("SIGNATURE_TIMESTAMP", Indication.TotalPassed), (timestamp.Type, timestamp.Indication));
        Assert.Equal(timestamp.GenerationTime, signature.BestSignatureTime);

        var docTs = Assert.Single(LongTermPdfParts.Signatures(bt), s => s.IsDocumentTimestamp);
        if (Cms.Fixtures.Tools.OnPath("pdfsig"))
        {
            var text = PdfTools.Pdfsig(bt);
            output.WriteLine(text);
            Assert.Contains("Signature #2", text);
            Assert.Contains("Signer Certificate Common Name: Long-term Test TSA (TEST ONLY)", text);
            Assert.Contains($"Signed Ranges: [0 - {docTs.ByteRange[1]}], [{docTs.ByteRange[2]} - {docTs.ByteRange[2] + docTs.ByteRange[3]}]", text);
        }
        if (Cms.Fixtures.Tools.OnPath("qpdf"))
        {
            var check = Cms.Fixtures.Tools.Run("qpdf", "--check", f.Write("pades-bb-bt.pdf", bt));
            Assert.True(check.ExitCode is 0 or 3, check.Output);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(check.Output, @"\(offset (\d+)\)"))
                Assert.True(long.Parse(m.Groups[1].Value) < bb.Length, check.Output);
        }
        var token = f.Write("pades-bb-doc-ts.tst", docTs.Contents);
        var data = f.Write("pades-bb-doc-ts.bin", docTs.Covered(bt));
        var (code, verified) = Cms.Fixtures.Tools.Run("openssl", "ts", "-verify", "-data", data, "-in", token, "-token_in",
            "-CAfile", f.Pki.Path("root-ca.pem"), "-untrusted", f.Pki.Path("issuing-ca.crt"));
        Assert.True(code == 0, verified);
        Assert.Contains("Verification: OK", verified);
    }

    [RequiresToolFact("openssl")]
    public async Task A_B_B_PDF_is_augmented_to_B_LT_and_B_LTA_through_a_document_timestamp()
    {
        using var key = f.Pki.Signer.WithKey();
        var bb = await LocalSigner.SignAsync(new PadesSigner(), PdfSharpPdf.Make(), key,
            new SigningParameters(f.Pki.Now, HashAlgorithmName.SHA256, [f.Pki.IssuingCa.Certificate]));
        AugmentationResult lt, lta;
        await using (var servers = f.Pki.Serve())
        {
            var options = AugmentationSupport.Online(f.Pki, servers);
            lt = await new SignatureAugmenter(TimeProvider.System).AugmentAsync(bb, null, AugmentationTarget.Lt, options);
            lta = await new SignatureAugmenter(TimeProvider.System).AugmentAsync(bb, null, AugmentationTarget.Lta, options);
        }

        Assert.Equal("B-LT", lt.Report.Signatures[0].Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP"], lt.Report.Signatures[0].Timestamps.Select(t => t.Type));
        Assert.Equal("B-LTA", lta.Report.Signatures[0].Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], lta.Report.Signatures[0].Timestamps.Select(t => t.Type));
        Assert.Equal(2, LongTermPdfParts.Signatures(lta.Document).Count(s => s.IsDocumentTimestamp));
        // Offline, later: only what the file carries.
        var late = Validate(lta.Document, f.Pki.Late).Signatures[0];
        Assert.Equal((Indication.TotalPassed, "B-LTA"), (late.Indication, late.Level));
    }

    /// <summary>
    /// An incremental update after everything: a new DSS dictionary (the latest one, changed by <paramref name="edit"/>,
    /// which may add streams through its second argument) and the catalog pointing to it.
    /// </summary>
    private static byte[] EditDss(byte[] pdf, Action<PdfDict, Func<byte[], PdfRef>> edit)
    {
        var file = PdfFile.Open(new MemoryStream(pdf));
        var rootRef = (PdfRef)file.Trailer["Root"]!;
        var catalog = file.ResolveDict(rootRef)!;
        var old = file.ResolveDict(catalog["DSS"])!;
        var dss = new PdfDict(old.Entries.ToDictionary(e => e.Key, e => e.Value is PdfArray a ? new PdfArray([.. a.Items]) : e.Value));
        var next = (int)((PdfNumber)file.Trailer["Size"]!).AsLong();
        var objects = new List<(int, string, byte[]?)>();
        edit(dss, der =>
        {
            objects.Add((next, "<<>>", der));
            return new PdfRef(next++, 0);
        });
        var dssNumber = next;
        objects.Add((dssNumber, dss.ToString(), null));
        var newCatalog = new PdfDict(new Dictionary<string, PdfObject>(catalog.Entries)) { Entries = { ["DSS"] = new PdfRef(dssNumber, 0) } };
        objects.Add((rootRef.Number, newCatalog.ToString(), null));
        return MiniPdf.AppendRevision(pdf, [.. objects]);
    }
}
