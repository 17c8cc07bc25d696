using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Hostile;

public static partial class HostileDocuments
{
    /// <summary>The signed page's text: the shadow edits swap the amount.</summary>
    public static readonly string[] PdfLines = ["Don de nghi cap giay phep", "So tien 100000"];

    /// <summary>Forgeries of <paramref name="signed"/>, a PAdES signature over a one-page PDF showing <see cref="PdfLines"/>.</summary>
    public static IEnumerable<(string Name, byte[] Document)> PdfForgeries(byte[] signed, byte[] unsigned)
    {
        var text = Encoding.Latin1.GetString(signed);
        var forgedContent = "BT /F1 12 Tf 56 780 Td 16 TL\n(Don de nghi cap giay phep) Tj T*\n(So tien 999999) Tj T*\nET";

        yield return ("byte changed inside the signed range", Latin1(ReplaceFirst(text, "100000", "999999")));
        yield return ("shadow edit: page content redefined in an incremental update",
            Update(signed, ($"4 0 obj\n<</Length {forgedContent.Length}>>\nstream\n{forgedContent}\nendstream\nendobj\n", 4)));
        var size = LastNumber(text, @"/Size (\d+)");
        yield return ("shadow edit: page redefined to show new content",
            Update(signed, ($"{size} 0 obj\n<</Length {forgedContent.Length}>>\nstream\n{forgedContent}\nendstream\nendobj\n", size),
                ($"3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> /Contents {size} 0 R>>\nendobj\n", 3)));
        yield return ("shadow edit: catalog points to a forged page tree",
            Update(signed, ($"{size} 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1 /Rotate 180>>\nendobj\n", size),
                ($"1 0 obj\n<</Type /Catalog /Pages {size} 0 R>>\nendobj\n", 1)));
        yield return ("shadow edit: font replaced", Update(signed, ("5 0 obj\n<</Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats>>\nendobj\n", 5)));
        yield return ("incremental update with a broken xref", [.. signed, .. Latin1("\nxref\nhostile\ntrailer\n<</Size 3 /Prev 99999999>>\nstartxref\n12\n%%EOF\n")]);
        yield return ("startxref pointing past the end", Latin1(Regex.Replace(text, @"startxref\s+(\d+)\s+%%EOF\s*$", "startxref\n99999999\n%%EOF\n")));
        yield return ("/Contents zeroed", Latin1(Regex.Replace(text, @"/Contents\s*<([0-9A-Fa-f]+)>", m => $"/Contents <{new string('0', m.Groups[1].Length)}>")));
        yield return ("/ByteRange widened", Latin1(Regex.Replace(text, @"/ByteRange\s*\[\s*0\s+(\d+)", m => $"/ByteRange [0 {int.Parse(m.Groups[1].Value) + 1}")));
        yield return ("/ByteRange shortened", Latin1(Regex.Replace(text, @"/ByteRange\s*\[\s*0\s+(\d+)", m => $"/ByteRange [0 {int.Parse(m.Groups[1].Value) - 1}")));
        // Objects appended after the signed revision without an xref section (or %%EOF) of their own: a strict reader
        // does not see them, a lenient one that rebuilds the xref may show them.
        var appended = $"4 0 obj\n<</Length {forgedContent.Length}>>\nstream\n{forgedContent}\nendstream\nendobj\n";
        yield return ("object appended after the signed revision, no xref or %%EOF", [.. signed, .. Latin1(appended)]);
        yield return ("object appended after the signed revision with a %%EOF, no xref", [.. signed, .. Latin1(appended + "%%EOF\n")]);
        yield return ("object appended after the signed revision, startxref back to the signed xref",
            [.. signed, .. Latin1($"{appended}startxref\n{LastNumber(text, @"startxref\s+(\d+)")}\n%%EOF\n")]);
        yield return ("garbage before the header", [.. Latin1("HOSTILE\n"), .. signed]);
        yield return ("no signature", unsigned);
        yield return ("header only", Latin1("%PDF-1.7\n"));
        foreach (var fraction in new[] { 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
            yield return ($"truncated at {fraction:P0}", signed[..(int)(signed.Length * fraction)]);
        yield return ("truncated by one byte", signed[..^1]);
        yield return ("truncated by the %%EOF", signed[..text.LastIndexOf("%%EOF", StringComparison.Ordinal)]);
    }

    /// <summary>Appends an incremental update redefining the given objects, with its own xref section and /Prev.</summary>
    private static byte[] Update(byte[] signed, params (string Body, int Number)[] objects)
    {
        var text = Encoding.Latin1.GetString(signed);
        var prev = LastNumber(text, @"startxref\s+(\d+)");
        var size = Math.Max(LastNumber(text, @"/Size (\d+)"), objects.Max(o => o.Number) + 1);
        var root = LastNumber(text, @"/Root (\d+) 0 R");
        var update = new StringBuilder(text.EndsWith('\n') ? "" : "\n");
        var offsets = new List<(int Number, long Offset)>();
        foreach (var (body, number) in objects)
        {
            offsets.Add((number, signed.Length + Encoding.Latin1.GetByteCount(update.ToString())));
            update.Append(body);
        }
        var xref = signed.Length + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets.OrderBy(o => o.Number)) update.Append($"{number} 1\n{offset:D10} 00000 n \n");
        update.Append($"trailer\n<</Size {size} /Root {root} 0 R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n");
        return [.. signed, .. Latin1(update.ToString())];
    }

    private static int LastNumber(string text, string pattern) =>
        int.Parse(Regex.Matches(text, pattern).Last().Groups[1].Value);

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{what}' not found in the signed PDF");
        return text[..at] + with + text[(at + what.Length)..];
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
