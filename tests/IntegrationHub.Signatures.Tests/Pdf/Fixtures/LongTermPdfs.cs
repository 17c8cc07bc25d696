using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Revocation;
using IntegrationHub.Signatures.Tests.Timestamps;
using IntegrationHub.Signatures.Tests.Trust;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>
/// One PAdES document taken through every long-term step, built once for the tests: B-T (the hub's signer, a loopback
/// TSA), B-LT (the signer's path, both CRLs of the sample PKI and an OCSP response from a real `openssl ocsp` responder
/// on 127.0.0.1), B-LTA (a document timestamp), and a renewal (the TSA's own path and OCSP response into the DSS, then a
/// second document timestamp). The PKI lives on the real clock, rounded, because `openssl ocsp` signs with it.
/// </summary>
public sealed class LongTermPdfs : IDisposable
{
    private readonly Lazy<Task<Steps>> _steps;

    public LongTermPdfs()
    {
        Now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        Pki = SamplePki.Create(new Uri($"http://127.0.0.1:{SamplePkiFixture.FreePort()}/pki/"), new FakeTimeProvider(Now));
        Pki.WriteTo(Directory);
        _steps = new Lazy<Task<Steps>>(BuildAsync);
    }

    public DateTimeOffset Now { get; }
    public SamplePki Pki { get; }
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hub-ltpdf-" + Guid.NewGuid().ToString("N"));

    /// <summary>The documents, and what went into their DSS.</summary>
    public sealed record Steps(byte[] BT, byte[] LT, byte[] LTA, byte[] RenewedLT, byte[] RenewedLTA,
        ValidationData SignerData, ValidationData TsaData);

    public Task<Steps> Documents => _steps.Value;

    /// <summary>The augmenter with a fixed clock (the /TU of the VRI entries).</summary>
    public PadesAugmenter Augmenter => new(new FakeTimeProvider(Now.AddMinutes(1)));

    private async Task<Steps> BuildAsync()
    {
        using var responder = new OpensslOcspResponder(Directory, SamplePkiFixture.FreePort(), minutes: 60);
        using var tsa = new LoopbackTsa(new TimestampResponder(Pki["tsa"].WithKey(), new FakeTimeProvider(Now)));
        using var http = new HttpClient();
        var timestamps = new TimestampClient(http, tsa.Url);

        var bt = await LocalSigner.SignAsync(new PadesSigner(), PdfSharpPdf.Make(), Pki["citizen"].WithKey(),
            new SigningParameters(Now, HashAlgorithmName.SHA256, WithTimestamp: true), timestamps);
        var chain = new[] { Pki.IssuingCa.Certificate, Pki.Root.Certificate };
        var signerData = new ValidationData([Pki["citizen"].Certificate, .. chain], [Pki.RootCrl, Pki.IssuingCrl], [Ocsp(responder, "citizen")]);
        var tsaData = new ValidationData([Pki["tsa"].Certificate, .. chain], [Pki.IssuingCrl, Pki.RootCrl], [Ocsp(responder, "tsa")]);

        var augmenter = Augmenter;
        var lt = augmenter.AddValidationData(bt, null, signerData);
        var lta = await augmenter.AddArchiveTimestampAsync(lt, null, timestamps, HashAlgorithmName.SHA256);
        var renewedLt = augmenter.AddValidationData(lta, null, tsaData);
        var renewedLta = await augmenter.AddArchiveTimestampAsync(renewedLt, null, timestamps, HashAlgorithmName.SHA256);
        return new Steps(bt, lt, lta, renewedLt, renewedLta, signerData, tsaData);
    }

    /// <summary>The DER OCSP response of the loopback responder for one end entity, asked with the openssl client.</summary>
    private byte[] Ocsp(OpensslOcspResponder responder, string name)
    {
        var output = Path.Combine(Directory, $"{name}.ocsp.der");
        Cms.Fixtures.Tools.OpenSsl("ocsp", "-issuer", Path.Combine(Directory, "issuing-ca.crt"), "-cert", Path.Combine(Directory, $"{name}.crt"),
            "-url", responder.Url.ToString(), "-no_nonce", "-noverify", "-respout", output);
        return File.ReadAllBytes(output);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
