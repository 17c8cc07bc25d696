using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// The format augmenters the engine knows, by the report's format word (CADES, PADES, XADES). A format without one is
/// refused with a clear message. Made per engine, with its clock (PAdES writes the time of update into the VRI).
/// </summary>
public static class FormatAugmenters
{
    public static IReadOnlyList<IFormatAugmenter> For(TimeProvider time) =>
        [new CadesAugmenter(), new Pdf.PadesAugmenter(time), new Xml.XadesAugmenter()];

    public static IFormatAugmenter? Find(string format, IReadOnlyList<IFormatAugmenter> augmenters) =>
        augmenters.FirstOrDefault(a => a.Format == format);
}
