using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>PDFs made by PDFsharp (another producer than our hand-made ones): text, a rectangle, N pages.</summary>
internal static class PdfSharpPdf
{
    private static readonly Lock Gate = new();

    public static byte[] Make(int pages = 2, string text = "Đơn đề nghị cấp chứng chỉ hành nghề")
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = "Test";
        for (var i = 0; i < pages; i++)
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString($"{text} ({i + 1})", new XFont("DejaVu Sans", 14), XBrushes.Black, new XPoint(72, 72));
            gfx.DrawRectangle(XPens.Blue, new XRect(72, 100, 200, 50));
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void EnsureFonts()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is DejaVuResolver) return;
            GlobalFontSettings.FontResolver = new DejaVuResolver();
        }
    }

    /// <summary>Every family maps to DejaVu Sans from the base image (Linux has no font lookup in PDFsharp).</summary>
    private sealed class DejaVuResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new("DejaVuSans");

        public byte[]? GetFont(string faceName) => File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    }
}
