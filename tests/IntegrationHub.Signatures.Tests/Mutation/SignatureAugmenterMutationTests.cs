using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Augmentation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Trust;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using static IntegrationHub.Signatures.Tests.Augmentation.AugmentationSupport;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The augmenter's refusals and its use of what the file already carries, each reason told apart: survivors of Stryker
/// on Augmentation/. Validation data comes from supplied CRLs here (no OCSP responder), so only the in-process TSA runs.
/// </summary>
public sealed class SignatureAugmenterMutationTests(LongTermPki pki) : IClassFixture<LongTermPki>
{
    private readonly SignatureAugmenter _augmenter = new(TimeProvider.System);

    private ValidationDataSources SuppliedCrls => new() { Crls = [pki.RootCrl, pki.IssuingCrl] };

    private AugmentationOptions Options(ValidationDataSources sources, ITimestampClient? tsa) =>
        new(Offline(pki), pki.Trust, sources) { Timestamps = tsa };

    [Fact]
    public async Task A_B_T_needs_no_TSA_to_become_B_LT()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var result = await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Options(SuppliedCrls, tsa: null));

        Assert.Equal("B-LT", result.Report.Signatures[0].Level);
        Assert.Equal(["SIGNATURE_TIMESTAMP"], Evidence(result.Document, Content).Timestamps.Select(t => t.Type));
    }

    [Fact]
    public async Task A_B_B_without_a_TSA_is_refused_TSA_NEEDED()
    {
        var bb = await pki.SignAsync(Content);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bb, Content, AugmentationTarget.Lt, Options(SuppliedCrls, tsa: null)));

        Assert.Equal("TSA_NEEDED", refused.Reason);
        Assert.Contains("B-B", refused.Message);
    }

    [Fact]
    public async Task B_LTA_without_a_TSA_is_refused_TSA_NEEDED_for_the_archive_timestamp()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lta, Options(SuppliedCrls, tsa: null)));

        Assert.Equal("TSA_NEEDED", refused.Reason);
        Assert.Contains("archive timestamp", refused.Message);
    }

    [Fact]
    public async Task A_TSA_that_does_not_answer_is_TSA_FAILED()
    {
        var bb = await pki.SignAsync(Content);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var nobody = new TimestampClient(http, new Uri($"http://127.0.0.1:{SamplePkiFixture.FreePort()}/tsa"));

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bb, Content, AugmentationTarget.Lt, Options(SuppliedCrls, nobody)));

        Assert.Equal("TSA_FAILED", refused.Reason);
        Assert.Contains("did not give a usable token", refused.Message);
    }

    [Fact]
    public async Task A_detached_signature_without_its_content_is_CONTENT_NEEDED()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var asked = servers.Tsa.Requests;

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, null, AugmentationTarget.Lt, Options(SuppliedCrls, servers.TsaClient)));

        Assert.Equal("CONTENT_NEEDED", refused.Reason);
        Assert.Contains("not supplied", refused.Message);
        Assert.Equal(asked, servers.Tsa.Requests);
    }

    [Fact]
    public async Task A_result_the_final_validation_does_not_pass_is_refused_with_its_report_and_reason()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        // Data is gathered under the real anchor, but the check of the result trusts only the TSA's certificate: no chain.
        var elsewhere = new ValidationOptions(new CertificatePathValidator(new TrustStore([pki.Tsa.Certificate]), new RevocationOptions(), TimeProvider.System));
        var options = new AugmentationOptions(elsewhere, pki.Trust, SuppliedCrls) { Timestamps = servers.TsaClient };

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, options));

        Assert.Equal("NOT_VALID", refused.Reason);
        Assert.Contains("does not validate as B-LT", refused.Message);
        Assert.NotNull(refused.Report);
        var first = refused.Report!.Signatures[0];
        Assert.NotEqual(Indication.TotalPassed, first.Indication);
        Assert.Contains($"{first.Id} is {first.Indication}/{first.SubIndication} at level {first.Level}:", refused.Message);
    }

    [Fact]
    public async Task Without_network_or_supplied_data_the_refusal_says_none_was_supplied()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Options(new ValidationDataSources(), servers.TsaClient)));

        Assert.Equal("VALIDATION_DATA_MISSING", refused.Reason);
        Assert.Contains("none was supplied and the network is not allowed", refused.Message);
    }

    [Fact]
    public async Task When_OCSP_and_the_CRL_fail_the_refusal_names_both_problems()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var online = ValidationDataSources.Online(servers.Http, TimeProvider.System, new RevocationOptions { HttpTimeout = TimeSpan.FromSeconds(5) });

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Options(online, servers.TsaClient)));

        Assert.Equal("VALIDATION_DATA_MISSING", refused.Reason);
        Assert.Contains("OCSP: ", refused.Message);
        Assert.Contains("; CRL http://", refused.Message);
    }

    [Fact]
    public async Task A_B_LT_is_raised_again_from_the_data_it_carries_without_any_source()
    {
        await using var servers = pki.Serve(ocsp: false);
        var bt = await pki.SignAsync(Content, tsa: servers.TsaClient);
        var lt = (await _augmenter.AugmentAsync(bt, Content, AugmentationTarget.Lt, Options(SuppliedCrls, tsa: null))).Document;

        // No CRL supplied and no network: the CRLs the file carries are what makes it B-LT again, and then B-LTA.
        var again = await _augmenter.AugmentAsync(lt, Content, AugmentationTarget.Lt, Options(new ValidationDataSources(), tsa: null));
        var lta = await _augmenter.AugmentAsync(lt, Content, AugmentationTarget.Lta, Options(new ValidationDataSources(), servers.TsaClient));

        Assert.Equal("B-LT", again.Report.Signatures[0].Level);
        Assert.Equal("B-LTA", lta.Report.Signatures[0].Level);
        Assert.Equal(2, Evidence(lta.Document, Content).Crls.Count);
    }

    [RequiresToolFact("openssl")]
    public async Task A_plain_CMS_without_ETSI_attributes_is_refused_as_having_no_level_to_raise()
    {
        File.WriteAllBytes(pki.Path("plain-content.bin"), Content);
        File.WriteAllText(pki.Path("plain-signer.pem"), pki.Signer.Certificate.ExportCertificatePem());
        File.WriteAllText(pki.Path("plain-signer.key"), pki.Signer.Key.ExportPkcs8PrivateKeyPem());
        // Without -cades openssl writes no signing-certificate attribute.
        Tools.OpenSsl("cms", "-sign", "-binary", "-md", "sha256", "-in", pki.Path("plain-content.bin"), "-signer", pki.Path("plain-signer.pem"),
            "-inkey", pki.Path("plain-signer.key"), "-outform", "DER", "-out", pki.Path("plain.p7s"));
        await using var servers = pki.Serve(ocsp: false);

        var refused = await Assert.ThrowsAsync<AugmentationRefusedException>(() =>
            _augmenter.AugmentAsync(File.ReadAllBytes(pki.Path("plain.p7s")), Content, AugmentationTarget.Lt, Options(SuppliedCrls, servers.TsaClient)));

        Assert.Equal("NOT_VALID", refused.Reason);
        Assert.Contains("without ETSI signed attributes", refused.Message);
        Assert.Equal(0, servers.Tsa.Requests);
    }
}
