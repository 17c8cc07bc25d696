using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Validation;
using static IntegrationHub.Signatures.Tests.Augmentation.AugmentationSupport;

namespace IntegrationHub.Signatures.Tests.Augmentation;

/// <summary>
/// CAdES B-T to B-LT and B-LTA against a real `openssl ocsp` responder, a CRL distribution point and a TSA, all on
/// 127.0.0.1; the results validated offline, now and after every certificate but the root has expired.
/// </summary>
public sealed class CadesAugmentationTests(LongTermPki pki, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LongTermPki>
{
    private readonly SignatureAugmenter _augmenter = new(TimeProvider.System);

    private static string Describe(ValidationReport report) =>
        string.Join("\n", report.Signatures.SelectMany(s => s.Errors.Concat(s.Warnings).Prepend($"{s.Indication}/{s.SubIndication} {s.Level}")));

    [RequiresToolFact("openssl")]
    public async Task B_T_augmented_to_LT_carries_the_paths_and_revocation_data_and_validates_offline_as_B_LT()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var result = await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers));
        var offline = Validate(result.Document, Content, Offline(pki));
        output.WriteLine(Describe(offline));

        Assert.Equal(Indication.TotalPassed, offline.Indication);
        Assert.Equal("B-LT", offline.Signatures[0].Level);
        Assert.DoesNotContain(offline.Signatures[0].Warnings, w => w.Contains("archive timestamp"));
        var evidence = Evidence(result.Document, Content);
        Assert.True(evidence.CarriesValidationData);
        Assert.Equal(2, evidence.OcspResponses.Count); // the signer's and the TSA's, from openssl
        Assert.Single(evidence.Crls); // the root's CRL for the issuing CA, from its distribution point
        Assert.Contains(evidence.Certificates, c => c.Thumbprint == pki.Root.Certificate.Thumbprint);
        Assert.True(servers.Site.HitsOn("ocsp") >= 2);
        Assert.Equal(1, servers.Site.HitsOn("root-ca.crl"));
    }

    [RequiresToolFact("openssl")]
    public async Task B_B_signature_gets_its_signature_timestamp_before_the_validation_data()
    {
        await using var servers = pki.Serve();
        var bb = await pki.SignAsync(Content);
        Assert.Equal("B-B", Validate(bb, Content, Offline(pki)).Signatures[0].Level);

        var result = await _augmenter.AugmentAsync(bb, Content, AugmentationTarget.Lt, Online(pki, servers));

        Assert.Equal("B-LT", result.Report.Signatures[0].Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP"], Evidence(result.Document, Content).Timestamps.Select(t => t.Type));
    }

    [RequiresToolFact("openssl")]
    public async Task LTA_validated_now_warns_that_the_archive_TSA_certificate_expires_within_the_renewal_window()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var result = await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lta, Online(pki, servers));

        Assert.Equal("B-LTA", result.Report.Signatures[0].Level);
        Assert.Contains(result.Report.Signatures[0].Warnings, w => w.Contains("expires on") && w.Contains("renewal"));
    }

    [RequiresToolFact("openssl")]
    public async Task LTA_validates_TOTAL_PASSED_after_every_certificate_expired_using_only_what_is_embedded()
    {
        byte[] lta;
        await using (var servers = pki.Serve())
        {
            var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
            lta = (await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
        }

        // Servers stopped, no network sources: three days on, the signer, the issuing CA and the TSA have all expired.
        var late = Validate(lta, Content, Offline(pki, pki.Late));
        output.WriteLine(Describe(late));

        var signature = late.Signatures[0];
        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", signature.Level);
        Assert.True(signature.BestSignatureTime < pki.Signer.Certificate.NotAfter);
        Assert.Equal(["SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP"], signature.Timestamps.Select(t => t.Type));
        Assert.All(signature.Timestamps, t => Assert.Equal(Indication.TotalPassed, t.Indication));
        Assert.Contains(signature.Warnings, w => w.Contains("latest archive timestamp") && w.Contains("expired") && w.Contains("renewal"));
    }

    [RequiresToolFact("openssl")]
    public async Task B_T_without_validation_data_at_the_late_time_stays_INDETERMINATE()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var late = Validate(bt, Content, Offline(pki, pki.Late));

        Assert.Equal(Indication.Indeterminate, late.Indication);
        Assert.Equal("B-B", late.Signatures[0].Level); // the expired TSA proves nothing any more
    }

    [RequiresToolFact("openssl")]
    public async Task LT_without_archive_timestamp_at_the_late_time_is_INDETERMINATE_the_TSA_having_expired()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var lt = (await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers))).Document;

        var late = Validate(lt, Content, Offline(pki, pki.Late));

        Assert.Equal(Indication.Indeterminate, late.Indication);
        // Expired, and nothing younger proves it: the embedded CRLs (a week long here) were still current at its expiry
        // and show it was not revoked then; they do not make it valid after.
        Assert.Equal(SubIndication.OutOfBoundsNotRevoked, late.Signatures[0].SubIndication);
    }

    [RequiresToolFact("openssl")]
    public async Task Renewed_LTA_adds_a_second_archive_timestamp_over_the_first_and_still_validates_late()
    {
        byte[] renewed;
        await using (var servers = pki.Serve())
        {
            var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
            var lta = (await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
            renewed = (await _augmenter.AugmentAsync(lta, Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
        }

        var evidence = Evidence(renewed, Content);
        var late = Validate(renewed, Content, Offline(pki, pki.Late));
        output.WriteLine(Describe(late));

        Assert.Equal(2, evidence.Timestamps.Count(t => t.Type == "ARCHIVE_TIMESTAMP"));
        // The second covers the first: the first token's bytes are inside the second's imprinted data (through the index hashes).
        Assert.NotEqual(evidence.Timestamps[1].TimestampedData, evidence.Timestamps[2].TimestampedData);
        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", late.Signatures[0].Level);
        Assert.All(late.Signatures[0].Timestamps, t => Assert.Equal(Indication.TotalPassed, t.Indication));
    }

    [RequiresToolFact("openssl")]
    public async Task LT_asked_of_a_B_LTA_keeps_it_B_LTA_and_adds_no_archive_timestamp()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var lta = (await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lta, Online(pki, servers))).Document;

        var again = await _augmenter.AugmentAsync(lta, Content, AugmentationTarget.Lt, Online(pki, servers));

        Assert.Equal("B-LTA", again.Report.Signatures[0].Level);
        Assert.Single(Evidence(again.Document, Content).Timestamps, t => t.Type == "ARCHIVE_TIMESTAMP");
        Assert.Equal(lta, again.Document); // everything was already carried: nothing added
    }

    [RequiresToolFact("openssl")]
    public async Task Tampered_content_after_LTA_fails_with_HASH_FAILURE()
    {
        byte[] lta;
        await using (var servers = pki.Serve())
            lta = (await _augmenter.AugmentAsync(await pki.SignAsync(Content, tsa: servers.TsaClient), Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
        var tampered = (byte[])Content.Clone();
        tampered[3] ^= 1;

        var report = Validate(lta, tampered, Offline(pki, pki.Late));

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.HashFailure, report.Signatures[0].SubIndication);
    }

    [RequiresToolFact("openssl")]
    public async Task Removing_validation_data_an_archive_timestamp_covers_fails_that_timestamp()
    {
        byte[] lta;
        await using (var servers = pki.Serve())
            lta = (await _augmenter.AugmentAsync(await pki.SignAsync(Content, tsa: servers.TsaClient), Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
        var parts = IntegrationHub.Signatures.Cms.SignedDataParts.Parse(lta);
        parts.Crls.RemoveAt(0);

        var archive = Evidence(parts.Encode(), Content).Timestamps.Single(t => t.Type == "ARCHIVE_TIMESTAMP");

        Assert.Contains("revocation data no longer in the signature", archive.Problem);
    }

    [RequiresToolFact("openssl")]
    public async Task Embedded_data_that_does_not_cover_the_paths_is_B_T_not_B_LT_even_when_a_CRL_file_makes_it_pass()
    {
        byte[] lt;
        await using (var servers = pki.Serve())
            lt = (await _augmenter.AugmentAsync(await pki.SignAsync(Content, tsa: servers.TsaClient), Content, AugmentationTarget.Lt, Online(pki, servers))).Document;
        var parts = IntegrationHub.Signatures.Cms.SignedDataParts.Parse(lt);
        parts.Crls.RemoveAll(c => c.Span[0] == 0xA1); // the OCSP responses; the root's CRL stays
        var withFile = new ValidationOptions(new IntegrationHub.Signatures.Trust.CertificatePathValidator(pki.Trust, new RevocationOptions { Crls = [pki.IssuingCrl] }, TimeProvider.System));

        var report = Validate(parts.Encode(), Content, withFile);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("B-T", report.Signatures[0].Level);
    }

    [RequiresToolFact("openssl")]
    public async Task Revoked_signer_is_refused_at_augmentation_naming_the_certificate()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, pki.Revoked, servers.TsaClient);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers)));

        Assert.Equal("REVOKED", refused.Reason);
        Assert.Contains("Thu Hồi", refused.Message);
        Assert.Contains("revoked", refused.Message);
    }

    [RequiresToolFact("openssl")]
    public async Task OCSP_down_and_no_CRL_refuses_naming_the_certificate_without_status()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers)));

        Assert.Equal("VALIDATION_DATA_MISSING", refused.Reason);
        Assert.Contains("Trần Tấn Phú", refused.Message);
    }

    [RequiresToolFact("openssl")]
    public async Task OCSP_down_but_the_CRL_at_the_distribution_point_answers_instead()
    {
        await using var servers = pki.Serve(ocsp: false, issuingCrl: true);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var result = await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers));

        Assert.Equal("B-LT", result.Report.Signatures[0].Level);
        Assert.Equal(2, Evidence(result.Document, Content).Crls.Count);
    }

    [RequiresToolFact("openssl")]
    public async Task Supplied_CRLs_are_enough_without_any_network()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var supplied = new ValidationDataSources { Crls = [pki.RootCrl, pki.IssuingCrl] };

        var result = await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Online(pki, servers, supplied));

        Assert.Equal("B-LT", result.Report.Signatures[0].Level);
        Assert.Equal(0, servers.Site.HitsOn("root-ca.crl"));
    }

    [RequiresToolFact("openssl")]
    public async Task Broken_signature_is_refused_before_anything_is_fetched()
    {
        await using var servers = pki.Serve();
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var other = "another document"u8.ToArray();

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, other, AugmentationTarget.Lt, Online(pki, servers)));

        Assert.Equal("NOT_VALID", refused.Reason);
        Assert.Contains("HASH_FAILURE", refused.Message);
        Assert.Equal(0, servers.Site.HitsOn("ocsp"));
    }

    [Fact]
    public async Task Garbage_that_sniffs_as_CMS_is_refused_not_thrown()
    {
        byte[] garbage = [0x30, 0x80, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x05, 0x30, 0x03, 0x02, 0x01];
        var options = new AugmentationOptions(Offline(pki), pki.Trust, new ValidationDataSources());

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(garbage, Content, AugmentationTarget.Lt, options));

        Assert.Equal("NOT_VALID", refused.Reason);
    }

    [RequiresToolFact("openssl")]
    public async Task Openssl_made_CAdES_is_augmented_to_LTA_and_openssl_still_verifies_it()
    {
        File.WriteAllBytes(pki.Path("openssl-content.bin"), Content);
        File.WriteAllText(pki.Path("signer.pem"), pki.Signer.Certificate.ExportCertificatePem());
        File.WriteAllText(pki.Path("signer.key"), pki.Signer.Key.ExportPkcs8PrivateKeyPem());
        Tools.OpenSsl("cms", "-sign", "-binary", "-cades", "-md", "sha256", "-in", pki.Path("openssl-content.bin"), "-signer", pki.Path("signer.pem"),
            "-inkey", pki.Path("signer.key"), "-certfile", pki.Path("issuing-ca.crt"), "-outform", "DER", "-out", pki.Path("openssl.p7s"));
        byte[] lta;
        await using (var servers = pki.Serve())
            lta = (await _augmenter.AugmentAsync(File.ReadAllBytes(pki.Path("openssl.p7s")), Content, AugmentationTarget.Lta, Online(pki, servers))).Document;
        File.WriteAllBytes(pki.Path("openssl-lta.p7s"), lta);

        var late = Validate(lta, Content, Offline(pki, pki.Late));
        var (code, text) = Tools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", pki.Path("openssl-lta.p7s"),
            "-content", pki.Path("openssl-content.bin"), "-CAfile", pki.Path("root-ca.pem"), "-purpose", "any", "-out", "/dev/null");

        Assert.Equal(Indication.TotalPassed, late.Indication);
        Assert.Equal("B-LTA", late.Signatures[0].Level);
        Assert.True(code == 0, text);
    }

    [Fact]
    public async Task A_format_without_an_augmenter_is_refused_saying_so()
    {
        var xml = "<?xml version=\"1.0\"?><doc><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/></doc>"u8.ToArray();
        var options = new AugmentationOptions(Offline(pki), pki.Trust, new ValidationDataSources());

        // XAdES has an augmenter now: an engine built with CAdES alone stands for a format that has none.
        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            new SignatureAugmenter(TimeProvider.System, [new IntegrationHub.Signatures.Cms.CadesAugmenter()]).AugmentAsync(xml, null, AugmentationTarget.Lt, options));

        Assert.Equal("UNSUPPORTED_FORMAT", refused.Reason);
        Assert.Contains("XADES", refused.Message);
    }
}
