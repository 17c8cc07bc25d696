using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signing;

/// <summary>The signers the hub offers, by mode (cades-detached, cades-attached, xades-enveloped, pades), and the mode a media type gets.</summary>
public sealed class SignerCatalog(IEnumerable<IDocumentSigner> signers)
{
    private readonly Dictionary<string, IDocumentSigner> byMode = signers.ToDictionary(s => s.Mode, StringComparer.Ordinal);

    public IDocumentSigner? For(string mode) => byMode.GetValueOrDefault(mode);

    public IReadOnlyCollection<string> Modes => byMode.Keys;

    /// <summary>PAdES for PDF, XAdES for XML, CAdES (attached) for anything else.</summary>
    public static string ModeFor(string mediaType) => mediaType switch
    {
        "application/pdf" => "pades",
        "application/xml" or "text/xml" => "xades-enveloped",
        _ when mediaType.EndsWith("+xml", StringComparison.Ordinal) => "xades-enveloped",
        _ => "cades-attached",
    };

    public static SignerCatalog Default() => new([new CadesSigner(attached: false), new CadesSigner(attached: true)]);
}
