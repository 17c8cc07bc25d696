using System.Text;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Tests.Xml;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Tests.Pkcs11;

namespace IntegrationHub.Signatures.Tests.Creation.Pkcs11;

/// <summary>Sealing with a key that never leaves a SoftHSM2 token; the output checked by pdfsig, xmlsec1, openssl and the hub's validator.</summary>
[Collection(HsmCollection.Name)]
public sealed class HsmSealTests(HsmFixture hsm)
{
    private static readonly byte[] Decision = Encoding.UTF8.GetBytes("Quyết định số 123/QĐ-STP cấp phiếu lý lịch tư pháp");

    [RequiresSoftHsmFact("pdfsig")]
    public async Task RSA_key_in_the_token_seals_a_PDF_that_pdfsig_accepts_and_the_hub_finds_TOTAL_PASSED()
    {
        using var key = hsm.Key(HsmFixture.RsaToken);
        var sealedPdf = await hsm.Seal(key, "pades", MiniPdf.Classic("Ket qua"));

        var output = PdfTools.Pdfsig(sealedPdf);
        Assert.Contains("Signature Validation: Signature is Valid.", output);
        Assert.Contains("Total document signed", output);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("ket-qua.pdf", sealedPdf).Indication);
    }

    [RequiresSoftHsmFact("xmlsec1")]
    public async Task RSA_key_in_the_token_seals_XML_that_xmlsec1_verifies_and_the_hub_finds_TOTAL_PASSED()
    {
        using var key = hsm.Key(HsmFixture.RsaToken);
        var sealedXml = await hsm.Seal(key, "xades-enveloped", Encoding.UTF8.GetBytes(XmlTestSupport.Document));

        var result = hsm.Xmlsec1(sealedXml);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Indication.TotalPassed, hsm.Validate("ket-qua.xml", sealedXml).Indication);
    }

    [RequiresSoftHsmFact("openssl")]
    public async Task RSA_key_in_the_token_seals_CMS_that_openssl_verifies_and_the_hub_finds_TOTAL_PASSED()
    {
        using var key = hsm.Key(HsmFixture.RsaToken);
        var sealedCms = await hsm.Seal(key, "cades-attached", Decision);

        var (code, output) = hsm.OpensslVerify(sealedCms);
        Assert.True(code == 0, output);
        Assert.Equal(Decision, Encoding.UTF8.GetBytes(output));
        var report = hsm.Validate("ket-qua.txt.p7s", sealedCms);
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("RSA", report.Signatures.Single().SignatureAlgorithm);
    }

    [RequiresSoftHsmFact("openssl")]
    public async Task RSA_PSS_through_CKM_RSA_PKCS_PSS_verifies_with_openssl_and_the_hub()
    {
        using var key = hsm.Key(HsmFixture.RsaToken);
        var sealedCms = await hsm.Seal(key, "cades-attached", Decision, pss: true);

        var (code, output) = hsm.OpensslVerify(sealedCms);
        Assert.True(code == 0, output);
        var report = hsm.Validate("ket-qua.txt.p7s", sealedCms);
        Assert.Equal(Indication.TotalPassed, report.Indication);
    }

    [RequiresSoftHsmFact("openssl", "xmlsec1")]
    public async Task ECDSA_P256_key_with_its_certificate_in_a_file_seals_CMS_and_XML_that_openssl_and_xmlsec1_verify()
    {
        using var key = hsm.Key(HsmFixture.EcToken, certificatePath: hsm.EcCertificatePem);
        var sealedCms = await hsm.Seal(key, "cades-attached", Decision);
        var sealedXml = await hsm.Seal(key, "xades-enveloped", Encoding.UTF8.GetBytes(XmlTestSupport.Document));

        var (code, output) = hsm.OpensslVerify(sealedCms);
        Assert.True(code == 0, output);
        var xmlsec1 = hsm.Xmlsec1(sealedXml);
        Assert.True(xmlsec1.ExitCode == 0, xmlsec1.ToString());
        var report = hsm.Validate("ket-qua.txt.p7s", sealedCms);
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal("ECDSA", report.Signatures.Single().SignatureAlgorithm);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("ket-qua.xml", sealedXml).Indication);
    }

    [RequiresSoftHsmFact]
    public async Task Parallel_seals_share_the_session_under_its_lock_and_all_validate()
    {
        using var key = hsm.Key(HsmFixture.RsaToken);
        var seals = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => hsm.Seal(key, "cades-attached", Encoding.UTF8.GetBytes($"Văn bản số {i}")))));

        Assert.All(seals, s => Assert.Equal(Indication.TotalPassed, hsm.Validate("x.p7s", s).Indication));
    }

    [RequiresSoftHsmFact]
    public async Task Seal_logs_in_again_after_the_token_logged_the_process_out_or_closed_its_sessions()
    {
        using var key = hsm.Key(HsmFixture.ResetToken);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("a.p7s", await hsm.Seal(key, "cades-attached", Decision)).Indication);

        hsm.Hsm.Logout(HsmFixture.ResetToken);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("b.p7s", await hsm.Seal(key, "cades-attached", Decision)).Indication);

        hsm.Hsm.CloseAllSessions(HsmFixture.ResetToken);
        Assert.Equal(Indication.TotalPassed, hsm.Validate("c.p7s", await hsm.Seal(key, "cades-attached", Decision)).Indication);
    }
}
