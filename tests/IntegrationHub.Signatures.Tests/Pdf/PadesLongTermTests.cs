using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>
/// What the PAdES augmenter writes (B-LT: the DSS with VRI; B-LTA: document timestamps), read back by the hub's parser
/// and checked by independent tools: qpdf reads the DSS, openssl verifies the original CMS over its untouched
/// /ByteRange and every document timestamp over its own, pdfsig accepts the file.
/// </summary>
public sealed class PadesLongTermTests(LongTermPdfs f) : IClassFixture<LongTermPdfs>
{
    private static List<SignatureEvidence> Evidence(byte[] pdf) =>
        [.. new PdfSignatureFormat().Read(new SignedFile("lt.pdf", new MemoryStream(pdf)))];

    private static PdfDss Dss(byte[] pdf) => PdfDss.Read(PdfFile.Open(new MemoryStream(pdf)))!;

    [RequiresToolFact("openssl")]
    public async Task LT_adds_a_DSS_holding_exactly_the_given_data_and_a_VRI_entry_keyed_by_the_SHA1_of_the_signature()
    {
        var d = await f.Documents;
        var dss = Dss(d.LT);
        Assert.Empty(dss.Errors);
        Assert.Equal(d.SignerData.Certificates.Select(c => Convert.ToHexString(c.RawData)), dss.Certs.Select(c => Convert.ToHexString(c.Der)));
        Assert.Equal(d.SignerData.Crls, dss.Crls.Select(c => c.Der));
        Assert.Equal(d.SignerData.OcspResponses, dss.Ocsps.Select(c => c.Der));

        var signature = Assert.Single(LongTermPdfParts.Signatures(d.LT));
        var key = Convert.ToHexString(SHA1.HashData(signature.Contents));
        var entry = Assert.Single(dss.Vri!).Value;
        Assert.Equal(key, Assert.Single(dss.Vri!).Key);
        Assert.Equal(4, (entry["Cert"] as PdfArray)!.Items.Count + (entry["OCSP"] as PdfArray)!.Items.Count);
        Assert.Equal(2, (entry["CRL"] as PdfArray)!.Items.Count);
        Assert.StartsWith("D:", (entry["TU"] as PdfString)!.AsText());
    }

    [RequiresToolFact("openssl")]
    public async Task LT_only_appends_so_the_signed_revision_is_byte_for_byte_the_B_T_file()
    {
        var d = await f.Documents;
        Assert.True(d.LT.AsSpan(0, d.BT.Length).SequenceEqual(d.BT));
        Assert.True(d.RenewedLTA.AsSpan(0, d.LTA.Length).SequenceEqual(d.LTA));
        Assert.Equal(LongTermPdfParts.Signatures(d.BT)[0].ByteRange, LongTermPdfParts.Signatures(d.RenewedLTA)[0].ByteRange);
    }

    [RequiresToolFact("openssl")]
    public async Task Renewal_adds_the_TSA_data_once_and_repeats_nothing_already_in_the_DSS()
    {
        var d = await f.Documents;
        var renewed = Dss(d.RenewedLTA);
        // The TSA's certificate and OCSP response are new; the CA certificates and both CRLs were there.
        Assert.Equal(4, renewed.Certs.Count);
        Assert.Equal(2, renewed.Crls.Count);
        Assert.Equal(2, renewed.Ocsps.Count);
        Assert.Equal(renewed.Certs.Count, renewed.Certs.Select(c => Convert.ToHexString(SHA256.HashData(c.Der))).Distinct().Count());
        // The signature's entry stays; the first document timestamp gets its own.
        var timestamp = LongTermPdfParts.Signatures(d.LTA).Single(s => s.IsDocumentTimestamp);
        Assert.Equal(2, renewed.Vri!.Count);
        Assert.Contains(Convert.ToHexString(SHA1.HashData(timestamp.Contents)), renewed.Vri.Keys);

        var again = f.Augmenter.AddValidationData(d.RenewedLTA, null, d.SignerData);
        var dss = Dss(again);
        Assert.Equal(renewed.Certs.Count + renewed.Crls.Count + renewed.Ocsps.Count, dss.Certs.Count + dss.Crls.Count + dss.Ocsps.Count);
    }

    [RequiresToolFact("qpdf")]
    public async Task Qpdf_reads_the_same_DSS_streams_and_VRI_and_finds_the_file_sound()
    {
        var d = await f.Documents;
        var path = Path.Combine(f.Directory, "renewed-lta.pdf");
        File.WriteAllBytes(path, d.RenewedLTA);
        // Exit 3 is "warnings only"; the only warnings allowed are about PDFsharp's own streams, before our updates.
        var check = ExternalToolRun("qpdf", "--check", path);
        Assert.True(check.ExitCode is 0 or 3, check.Output);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(check.Output, @"\(offset (\d+)\)"))
            Assert.True(long.Parse(m.Groups[1].Value) < d.BT.Length, check.Output);

        var json = Xml.ExternalTool.Run("qpdf", "--json", "--json-stream-data=inline", "--json-key=qpdf", path);
        Assert.True(json.ExitCode is 0 or 3, json.ToString());
        using var doc = JsonDocument.Parse(json.Output);
        var objects = doc.RootElement.GetProperty("qpdf")[1];
        JsonElement Obj(string reference) => objects.GetProperty($"obj:{reference}");
        var root = objects.GetProperty("trailer").GetProperty("value").GetProperty("/Root").GetString()!;
        var dss = Obj(Obj(root).GetProperty("value").GetProperty("/DSS").GetString()!).GetProperty("value");
        byte[] Data(JsonElement reference) => Convert.FromBase64String(Obj(reference.GetString()!).GetProperty("stream").GetProperty("data").GetString()!);

        var certs = dss.GetProperty("/Certs").EnumerateArray().Select(r => Convert.ToHexString(Data(r))).ToList();
        Assert.Equal(d.SignerData.Certificates.Concat(d.TsaData.Certificates).Select(c => Convert.ToHexString(c.RawData)).Distinct(), certs);
        var ocsps = dss.GetProperty("/OCSPs").EnumerateArray().Select(Data).ToList();
        Assert.Equal([.. d.SignerData.OcspResponses, .. d.TsaData.OcspResponses], ocsps);
        var vriKey = "/" + Convert.ToHexString(SHA1.HashData(LongTermPdfParts.Signatures(d.BT)[0].Contents));
        var entry = dss.GetProperty("/VRI").GetProperty(vriKey);
        Assert.Equal(d.SignerData.Certificates.Select(c => Convert.ToHexString(c.RawData)),
            entry.GetProperty("/Cert").EnumerateArray().Select(r => Convert.ToHexString(Data(r))));
        Assert.Equal(d.SignerData.OcspResponses, entry.GetProperty("/OCSP").EnumerateArray().Select(Data));
    }

    [RequiresToolFact("openssl")]
    public async Task Openssl_cms_still_verifies_the_original_signature_over_its_ByteRange_in_the_renewed_LTA()
    {
        var d = await f.Documents;
        var signature = LongTermPdfParts.Signatures(d.RenewedLTA).Single(s => !s.IsDocumentTimestamp);
        var cms = Write("signature.p7s", signature.Contents);
        var data = Write("signed-bytes.bin", signature.Covered(d.RenewedLTA));
        var result = ExternalToolRun("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content", data,
            "-CAfile", Path.Combine(f.Directory, "chain.pem"), "-purpose", "any", "-out", "/dev/null");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Verification successful", result.Output);
    }

    [RequiresToolFact("openssl")]
    public async Task Openssl_ts_verifies_each_document_timestamp_over_the_bytes_of_its_ByteRange()
    {
        var d = await f.Documents;
        var timestamps = LongTermPdfParts.Signatures(d.RenewedLTA).Where(s => s.IsDocumentTimestamp).ToList();
        Assert.Equal(2, timestamps.Count);
        foreach (var (timestamp, i) in timestamps.Select((t, i) => (t, i)))
        {
            var token = Write($"doc-ts-{i}.tst", timestamp.Contents);
            var data = Write($"doc-ts-{i}.bin", timestamp.Covered(d.RenewedLTA));
            var result = ExternalToolRun("openssl", "ts", "-verify", "-data", data, "-in", token, "-token_in",
                "-CAfile", Path.Combine(f.Directory, "root-ca.crt"), "-untrusted", Path.Combine(f.Directory, "issuing-ca.crt"));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("Verification: OK", result.Output);

            var other = Write($"doc-ts-{i}-other.bin", [.. timestamp.Covered(d.RenewedLTA), (byte)'\n']);
            Assert.NotEqual(0, ExternalToolRun("openssl", "ts", "-verify", "-data", other, "-in", token, "-token_in",
                "-CAfile", Path.Combine(f.Directory, "root-ca.crt"), "-untrusted", Path.Combine(f.Directory, "issuing-ca.crt")).ExitCode);
        }
        // The second timestamp covers the first one and the DSS update that renewed it.
        Assert.True(timestamps[1].ByteRange[2] + timestamps[1].ByteRange[3] > timestamps[0].ByteRange[2] + timestamps[0].ByteRange[3]);
    }

    [RequiresToolFact("pdfsig")]
    public async Task Pdfsig_accepts_the_signature_and_lists_both_document_timestamps_with_their_ranges()
    {
        // poppler 22.12 verifies CMS signatures but not RFC 3161 document timestamps ("Unable to validate this type of
        // signature"): it lists them, with the TSA and the ranges; openssl ts verifies them in the test above.
        var d = await f.Documents;
        var output = PdfTools.Pdfsig(d.RenewedLTA);
        Assert.True(1 == PdfTools.Count(output, "Signature Validation: Signature is Valid."), output);
        Assert.Contains("ETSI.CAdES.detached", output);
        Assert.Equal(2, PdfTools.Count(output, "Signer Certificate Common Name: IntegrationHub Sample TSA"));
        foreach (var t in LongTermPdfParts.Signatures(d.RenewedLTA).Where(s => s.IsDocumentTimestamp))
            Assert.Contains($"Signed Ranges: [0 - {t.ByteRange[1]}], [{t.ByteRange[2]} - {t.ByteRange[2] + t.ByteRange[3]}]", output);
        Assert.EndsWith("Total document signed", output[..output.LastIndexOf("  - Signature Validation", StringComparison.Ordinal)].TrimEnd());
    }

    [RequiresToolFact("openssl")]
    public async Task Evidence_of_the_renewed_LTA_carries_the_DSS_data_and_both_archive_timestamps_over_their_exact_bytes()
    {
        var d = await f.Documents;
        var evidence = Assert.Single(Evidence(d.RenewedLTA));
        Assert.True(evidence.CarriesValidationData);
        Assert.Empty(evidence.FormatErrors);
        Assert.Empty(evidence.Failures);
        Assert.Contains(evidence.Certificates, c => c.Thumbprint == f.Pki.IssuingCa.Certificate.Thumbprint);
        Assert.Contains(f.Pki.IssuingCrl, evidence.Crls);
        Assert.Contains(d.TsaData.OcspResponses[0], evidence.OcspResponses);

        var raw = LongTermPdfParts.Signatures(d.RenewedLTA).Where(s => s.IsDocumentTimestamp).ToList();
        var archive = evidence.Timestamps.Where(t => t.Type == "ARCHIVE_TIMESTAMP").ToList();
        Assert.Equal(2, archive.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(raw[i].Contents, archive[i].Token);
            Assert.Equal(raw[i].Covered(d.RenewedLTA), archive[i].TimestampedData);
        }
        Assert.Single(evidence.Timestamps, t => t.Type == "SIGNATURE_TIMESTAMP");
        Assert.DoesNotContain(evidence.Warnings, w => w.Contains("modified"));
        Assert.Contains(evidence.Warnings, w => w.Contains("adds long-term validation data (DSS)"));
        Assert.Equal(2, evidence.Warnings.Count(w => w.Contains("adds a document timestamp")));
    }

    [RequiresToolFact("openssl")]
    public async Task B_T_carries_no_validation_data_and_LT_does_before_any_archive_timestamp()
    {
        var d = await f.Documents;
        Assert.False(Assert.Single(Evidence(d.BT)).CarriesValidationData);
        var lt = Assert.Single(Evidence(d.LT));
        Assert.True(lt.CarriesValidationData);
        Assert.DoesNotContain(lt.Timestamps, t => t.Type == "ARCHIVE_TIMESTAMP");
        Assert.Single(Assert.Single(Evidence(d.LTA)).Timestamps, t => t.Type == "ARCHIVE_TIMESTAMP");
    }

    [Fact]
    public void Validation_data_for_a_PDF_without_a_signature_is_a_clear_error_and_garbage_too()
    {
        var data = new IntegrationHub.Signatures.Augmentation.ValidationData([], [], []);
        var augmenter = new PadesAugmenter(TimeProvider.System);
        Assert.Contains("no signature", Assert.Throws<SignatureFormatException>(() => augmenter.AddValidationData(MiniPdf.Classic(), null, data)).Message);
        Assert.Throws<SignatureFormatException>(() => augmenter.AddValidationData("not a pdf at all, no"u8.ToArray(), null, data));
    }

    [Fact]
    public void The_augmenter_is_registered_for_PADES()
    {
        var pades = IntegrationHub.Signatures.Augmentation.FormatAugmenters.Find("PADES", IntegrationHub.Signatures.Augmentation.FormatAugmenters.For(TimeProvider.System));
        Assert.IsType<PadesAugmenter>(pades);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(f.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int ExitCode, string Output) ExternalToolRun(string tool, params string[] args) =>
        Cms.Fixtures.Tools.Run(tool, args);
}
