using System.Text;

namespace IntegrationHub.Demo;

/// <summary>A one-page PDF with a few lines of text (classic xref table): enough to carry a PAdES signature.</summary>
public static class MiniPdf
{
    public static byte[] Page(params string[] lines)
    {
        // Helvetica's standard encoding has no Vietnamese letters: the page says it in ASCII, the XML form in full.
        var text = new StringBuilder("BT /F1 12 Tf 56 780 Td 16 TL\n");
        foreach (var line in lines) text.Append('(').Append(Escape(Ascii(line))).Append(") Tj T*\n");
        text.Append("ET");
        var stream = text.ToString();
        string[] objects =
        [
            "<</Type /Catalog /Pages 2 0 R>>",
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>",
            $"<</Length {Encoding.Latin1.GetByteCount(stream)}>>\nstream\n{stream}\nendstream",
            "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
        ];
        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f\r\n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n\r\n");
        pdf.Append($"trailer\n<</Size {objects.Length + 1} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    private static string Ascii(string s)
    {
        var decomposed = s.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => c < 128).ToArray());
    }
}
