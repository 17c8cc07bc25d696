using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// The format augmenters the engine knows, by the report's format word (CADES, PADES, XADES). A format without one is
/// refused with a clear message: CAdES is here; PAdES and XAdES register theirs as they are written.
/// </summary>
public static class FormatAugmenters
{
    public static IReadOnlyList<IFormatAugmenter> All { get; } = [new CadesAugmenter(), new Xml.XadesAugmenter()];

    public static IFormatAugmenter? Find(string format, IReadOnlyList<IFormatAugmenter>? augmenters = null) =>
        (augmenters ?? All).FirstOrDefault(a => a.Format == format);
}
