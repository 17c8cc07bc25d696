using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Augmentation;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>
/// One PAdES document taken B-T → B-LT → B-LTA → renewed B-LTA through <see cref="SignatureAugmenter"/> (the engine the
/// CLI and the route use), built once: a <see cref="LongTermPki"/> with short lives, `openssl ocsp` for the end
/// entities, the root's CRL at its distribution point and a TSA, all on 127.0.0.1 and stopped once the chain is built.
/// </summary>
public sealed class PadesLongTermChain : IAsyncLifetime
{
    public LongTermPki Pki { get; } = new();
    public byte[] BT { get; private set; } = [];
    public AugmentationResult LT { get; private set; } = null!;
    public AugmentationResult LTA { get; private set; } = null!;
    public AugmentationResult Renewed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Without openssl there is no OCSP responder: the tests that need one skip, saying so.
        if (!Cms.Fixtures.Tools.OnPath("openssl")) return;
        await using var servers = Pki.Serve();
        BT = await SignAsync(servers);
        var augmenter = new SignatureAugmenter(TimeProvider.System);
        var options = AugmentationSupport.Online(Pki, servers);
        LT = await augmenter.AugmentAsync(BT, null, AugmentationTarget.Lt, options);
        LTA = await augmenter.AugmentAsync(LT.Document, null, AugmentationTarget.Lta, options);
        Renewed = await augmenter.AugmentAsync(LTA.Document, null, AugmentationTarget.Lta, options);
    }

    /// <summary>A PAdES B-T by the PKI's signer over a PDFsharp document, the issuing CA carried, timestamped by the loopback TSA.</summary>
    public async Task<byte[]> SignAsync(Servers servers)
    {
        using var key = Pki.Signer.WithKey();
        var parameters = new SigningParameters(Pki.Now, HashAlgorithmName.SHA256, [Pki.IssuingCa.Certificate], WithTimestamp: true);
        return await LocalSigner.SignAsync(new PadesSigner(), PdfSharpPdf.Make(), key, parameters, servers.TsaClient);
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Pki.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public Task DisposeAsync()
    {
        Pki.Dispose();
        return Task.CompletedTask;
    }
}
