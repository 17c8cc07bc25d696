using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Formats;

/// <summary>The one place formats are registered. Order matters only for sniffing: PDF and XML before CMS.</summary>
public static class SignatureFormats
{
    public static IReadOnlyList<ISignatureFormat> All { get; } =
        [new PdfSignatureFormat(), new XmlSignatureFormat(), new CmsSignatureFormat()];
}
