using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>The product's PAdES signer (our incremental update + the CAdES signer), checked by our validator and by pdfsig.</summary>
public sealed class PadesSignerTests(PdfTestCertificates certs) : IClassFixture<PdfTestCertificates>
{
    private static readonly DateTimeOffset Now = PdfTestCertificates.SigningTime.AddHours(1);

    private SigningParameters Parameters(bool timestamp = false) => new(PdfTestCertificates.SigningTime, HashAlgorithmName.SHA256, WithTimestamp: timestamp);

    private Task<byte[]> Sign(byte[] pdf, System.Security.Cryptography.X509Certificates.X509Certificate2? signer = null, bool timestamp = false) =>
        LocalSigner.SignAsync(new PadesSigner(), pdf, signer ?? certs.RsaSigner, Parameters(timestamp),
            timestamp ? new TestTimestampClient(certs.Tsa, Now) : null);

    private ValidationReport Validate(byte[] pdf)
    {
        var time = new FakeTimeProvider(Now);
        var paths = new CertificatePathValidator(new TrustStore([certs.Root]), new RevocationOptions { Require = false }, time);
        return new SignatureValidator(time).Validate(new SignedFile("signed.pdf", new MemoryStream(pdf)), new ValidationOptions(paths));
    }

    [Fact]
    public async Task PAdES_B_B_on_a_hand_made_pdf_passes_our_validation_and_covers_revision_2()
    {
        var report = Validate(await Sign(MiniPdf.Classic()));
        Assert.Equal("PADES", report.Format);
        var signature = Assert.Single(report.Signatures);
        Assert.True(signature.Indication == Indication.TotalPassed, string.Join("; ", signature.Errors));
        Assert.Equal("B-B", signature.Level);
        Assert.Equal(2, signature.CoveredRevision);
        Assert.Equal(PdfTestCertificates.SigningTime, signature.SigningTime);
    }

    [Fact]
    public async Task PAdES_B_T_carries_a_timestamp_and_passes()
    {
        var report = Validate(await Sign(MiniPdf.WithXrefStream(), timestamp: true));
        var signature = Assert.Single(report.Signatures);
        Assert.True(signature.Indication == Indication.TotalPassed, string.Join("; ", signature.Errors));
        Assert.True(signature.Level == "B-T", string.Join("; ", signature.Timestamps.Select(t => $"{t.Indication} {t.SubIndication}").Concat(signature.Warnings)));
        Assert.Single(signature.Timestamps);
    }

    [RequiresToolFact("pdfsig")]
    public async Task PAdES_output_is_valid_for_pdfsig_once_and_twice()
    {
        var once = await Sign(PdfSharpPdf.Make());
        Assert.Contains("Signature Validation: Signature is Valid.", PdfTools.Pdfsig(once));
        var twice = await Sign(once, certs.EcSigner, timestamp: true);
        var output = PdfTools.Pdfsig(twice);
        Assert.Equal(2, PdfTools.Count(output, "Signature Validation: Signature is Valid."));
        Assert.Contains("ETSI.CAdES.detached", output);
    }

    [Fact]
    public async Task Two_PAdES_signatures_both_pass_and_cover_revisions_2_and_3()
    {
        var twice = await Sign(await Sign(PdfSharpPdf.Make()), certs.EcSigner);
        var report = Validate(twice);
        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal([2, 3], report.Signatures.Select(s => s.CoveredRevision!.Value));
        Assert.Contains(report.Signatures[0].Warnings, w => w.Contains("adds a signature"));
    }

    [Fact]
    public async Task Page_content_replaced_after_PAdES_signing_is_TOTAL_FAILED_and_says_modified()
    {
        var signed = await Sign(MiniPdf.Classic("Pay 100"));
        var report = Validate(MiniPdf.AppendRevision(signed, (4, "<<>>", MiniPdf.Content("Pay 999"))));
        var signature = Assert.Single(report.Signatures);
        Assert.Equal(Indication.TotalFailed, signature.Indication);
        Assert.Contains(signature.Warnings.Concat(signature.Errors), m => m.Contains("modified"));
    }

    [Fact]
    public async Task Signed_byte_changed_is_not_PASSED()
    {
        var signed = await Sign(MiniPdf.Classic("Hello"));
        var at = System.Text.Encoding.Latin1.GetString(signed).IndexOf("(Hello)", StringComparison.Ordinal);
        signed[at + 1] = (byte)'J';
        var signature = Assert.Single(Validate(signed).Signatures);
        Assert.Equal(Indication.TotalFailed, signature.Indication);
        Assert.Equal(SubIndication.HashFailure, signature.SubIndication);
    }

    [Fact]
    public void Two_step_signing_fixes_the_time_and_keeps_the_private_key_out()
    {
        var signer = new PadesSigner();
        var prepared = signer.Prepare(MiniPdf.Classic(), certs.RsaSigner, Parameters());
        Assert.Equal("pades", prepared.Mode);
        Assert.Equal(32, prepared.Digest.Length);
        Assert.Equal(SHA256.HashData(prepared.DataToBeSigned), prepared.Digest);
        var wrongValue = new byte[256];
        Assert.ThrowsAny<Exception>(() => signer.CompleteAsync(prepared, wrongValue, null).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Two_step_signing_with_the_value_made_elsewhere_gives_a_valid_pdf_with_M_from_prepare()
    {
        var signer = new PadesSigner();
        var prepared = signer.Prepare(MiniPdf.Classic(), certs.EcSigner, Parameters());
        var value = LocalSigner.SignDigest(certs.EcSigner, prepared); // stands in for a USB token
        var pdf = await signer.CompleteAsync(prepared, value, null);
        Assert.Contains("/M (D:20261128093000+07'00')", System.Text.Encoding.Latin1.GetString(pdf));
        Assert.Equal(Indication.TotalPassed, Validate(pdf).Indication);
    }

    [Fact]
    public void Signing_something_that_is_not_a_pdf_is_a_format_error()
    {
        Assert.Throws<SignatureFormatException>(() => new PadesSigner().Prepare("not a pdf at all"u8.ToArray(), certs.RsaSigner, Parameters()));
    }
}
