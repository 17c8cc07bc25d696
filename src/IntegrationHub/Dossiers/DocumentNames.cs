using System.Globalization;

namespace IntegrationHub.Dossiers;

/// <summary>
/// A document's name is stored and later offered for download (a Content-Disposition, a file on a clerk's Windows
/// desktop), so it must be a plain file name there too: no path (/ \ :), no "." or "..", no control or invisible
/// formatting characters (NUL, line breaks, the right-to-left override that shows "invoice‮fdp.exe" as
/// "invoiceexe.pdf"), no Windows device name (CON, NUL, COM1...), no leading or trailing space and no trailing dot
/// (Windows drops them, so two names would meet).
/// </summary>
public static class DocumentNames
{
    public const int MaxLength = 255;

    private static readonly HashSet<string> Devices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Null when <paramref name="name"/> is a safe file name, else why not (for the field error).</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength) return $"is required: a file name without path (at most {MaxLength} characters)";
        if (name.IndexOfAny(['/', '\\', ':']) >= 0) return "must be a file name without a path (no /, \\ or :)";
        if (name is "." or "..") return "must be a file name, not . or ..";
        if (name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator) || HasLoneSurrogate(name))
            return "must not hold control or invisible formatting characters (such as NUL, line breaks or the right-to-left override)";
        if (name != name.Trim() || name.EndsWith('.')) return "must not start or end with a space, nor end with a dot";
        var stem = name.Split('.')[0];
        if (Devices.Contains(stem)) return $"must not be a device name ({stem})";
        return null;
    }

    private static bool HasLoneSurrogate(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) i++;
            else if (char.IsSurrogate(name[i])) return true;
        }
        return false;
    }
}
