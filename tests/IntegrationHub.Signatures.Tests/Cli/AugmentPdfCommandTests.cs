using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Cli;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Augmentation;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Cli;

/// <summary>
/// `hub augment FILE.pdf`: a PAdES B-T raised to B-LTA and renewed against OCSP, CRL and TSA on 127.0.0.1, then checked
/// by a fresh `hub verify` process three days on, servers stopped, no --ocsp; refusals write nothing.
/// </summary>
public sealed class AugmentPdfCommandTests(LongTermPki pki, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LongTermPki>
{
    private static async Task<(int Code, string Out, string Err)> Augment(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AugmentCommand.RunAsync(args, stdout, stderr, TimeProvider.System);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> SignedPdfAsync(string name, Servers? servers)
    {
        using var key = pki.Signer.WithKey();
        var parameters = new SigningParameters(pki.Now, HashAlgorithmName.SHA256, [pki.IssuingCa.Certificate], WithTimestamp: servers is not null);
        var pdf = await LocalSigner.SignAsync(new PadesSigner(), PdfSharpPdf.Make(), key, parameters, servers?.TsaClient);
        File.WriteAllBytes(pki.Path(name), pdf);
        return pki.Path(name);
    }

    [RequiresToolFact("openssl")]
    public async Task PDF_B_T_augmented_to_LTA_and_renewed_passes_a_fresh_hub_verify_late_and_offline()
    {
        string bt;
        var lta = pki.Path("cli-lta.pdf");
        var renewed = pki.Path("cli-renewed.pdf");
        await using (var servers = pki.Serve())
        {
            bt = await SignedPdfAsync("cli-bt.pdf", servers);
            string[] online = ["--trust", pki.Path("root-ca.pem"), "--ocsp", "--tsa", servers.Tsa.Url.ToString()];
            var (code, stdout, stderr) = await Augment([bt, "--to", "lta", "--out", lta, .. online]);
            output.WriteLine(stdout + stderr);
            Assert.Equal(0, code);
            Assert.Contains("B-LTA", stdout);
            (code, stdout, stderr) = await Augment([lta, "--to", "lta", "--out", renewed, "--format", "json", .. online]);
            Assert.True(code == 0, stdout + stderr);
        }
        Assert.True(File.ReadAllBytes(renewed).AsSpan().StartsWith(File.ReadAllBytes(lta)));
        Assert.True(File.ReadAllBytes(lta).AsSpan().StartsWith(File.ReadAllBytes(bt)));

        foreach (var file in new[] { lta, renewed })
        {
            var (code, json) = HubCli.RunProcess("verify", file, "--trust", pki.Path("root-ca.pem"), "--at", pki.Late.ToString("O"), "--format", "json");
            output.WriteLine(json);
            Assert.Equal(0, code);
            using var report = JsonDocument.Parse(json);
            Assert.Equal("PADES", report.RootElement.GetProperty("format").GetString());
            Assert.Equal("TOTAL_PASSED", report.RootElement.GetProperty("indication").GetString());
            Assert.Equal("B-LTA", report.RootElement.GetProperty("signatures")[0].GetProperty("level").GetString());
        }
    }

    [RequiresToolFact("openssl")]
    public async Task PDF_B_B_is_made_B_T_by_a_document_timestamp_then_B_LT()
    {
        var outFile = pki.Path("cli-bb-lt.pdf");
        await using var servers = pki.Serve();
        var bb = await SignedPdfAsync("cli-bb.pdf", servers: null);

        var (code, stdout, stderr) = await Augment(bb, "--to", "lt", "--out", outFile, "--trust", pki.Path("root-ca.pem"), "--ocsp",
            "--tsa", servers.Tsa.Url.ToString());

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("B-LT", stdout);
        Assert.True(File.ReadAllBytes(outFile).AsSpan().StartsWith(File.ReadAllBytes(bb)));
        Assert.Equal(1, LongTermPdfParts.Signatures(File.ReadAllBytes(outFile)).Count(s => s.IsDocumentTimestamp));
    }

    [RequiresToolFact("openssl")]
    public async Task PDF_B_B_without_a_TSA_is_refused_TSA_NEEDED_and_nothing_is_written()
    {
        var outFile = pki.Path("cli-bb-no-tsa.pdf");
        await using var servers = pki.Serve();
        var bb = await SignedPdfAsync("cli-bb2.pdf", servers: null);

        var (code, _, stderr) = await Augment(bb, "--to", "lt", "--out", outFile, "--trust", pki.Path("root-ca.pem"), "--ocsp");

        Assert.Equal(1, code);
        Assert.Contains("TSA_NEEDED", stderr);
        Assert.False(File.Exists(outFile));
    }

    [RequiresToolFact("openssl")]
    public async Task PDF_whose_page_was_changed_after_signing_is_refused_NOT_VALID()
    {
        var outFile = pki.Path("cli-shadow-lt.pdf");
        await using var servers = pki.Serve();
        var bt = File.ReadAllBytes(await SignedPdfAsync("cli-shadow-bt.pdf", servers));
        var file = PdfFile.Open(new MemoryStream(bt));
        var page = file.ResolveDict(((PdfArray)file.ResolveDict(file.ResolveDict(file.Trailer["Root"])!["Pages"])!["Kids"]!).Items[0])!;
        var contents = page["Contents"] is PdfArray array ? (PdfRef)array.Items[0] : (PdfRef)page["Contents"]!;
        File.WriteAllBytes(pki.Path("cli-shadow.pdf"), MiniPdf.AppendRevision(bt, (contents.Number, "<<>>", MiniPdf.Content("Pay 999"))));

        var (code, _, stderr) = await Augment(pki.Path("cli-shadow.pdf"), "--to", "lt", "--out", outFile, "--trust", pki.Path("root-ca.pem"),
            "--ocsp", "--tsa", servers.Tsa.Url.ToString());

        Assert.Equal(1, code);
        Assert.Contains("NOT_VALID", stderr);
        Assert.Contains("modified", stderr);
        Assert.False(File.Exists(outFile));
        Assert.Equal(0, servers.Site.HitsOn("ocsp"));
    }
}
