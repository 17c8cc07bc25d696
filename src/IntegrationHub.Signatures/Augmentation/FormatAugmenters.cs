using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// The format augmenters the engine knows, by the report's format word (CADES, PADES, XADES). A format without one is
/// refused with a clear message.
/// </summary>
public static class FormatAugmenters
{
    public static IReadOnlyList<IFormatAugmenter> All { get; } = [new CadesAugmenter(), Pdf.PdfAugmenters.Pades, new Xml.XadesAugmenter()];

    public static IFormatAugmenter? Find(string format, IReadOnlyList<IFormatAugmenter>? augmenters = null) =>
        (augmenters ?? All).FirstOrDefault(a => a.Format == format);
}
