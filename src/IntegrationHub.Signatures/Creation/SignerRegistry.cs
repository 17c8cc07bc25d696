using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Creation;

/// <summary>The one place signing modes are registered: cades-detached, cades-attached, xades-enveloped, pades.</summary>
public static class SignerRegistry
{
    public static IReadOnlyList<string> Modes { get; } = ["cades-detached", "cades-attached", "xades-enveloped", "pades"];

    /// <summary>The signer for a mode, or null when the mode is unknown.</summary>
    public static IDocumentSigner? Find(string mode) => mode switch
    {
        "cades-detached" => new CadesSigner(attached: false),
        "cades-attached" => new CadesSigner(attached: true),
        "xades-enveloped" => new Xml.XadesSigner(),
        "pades" => new Pdf.PadesSigner(),
        _ => null,
    };
}
