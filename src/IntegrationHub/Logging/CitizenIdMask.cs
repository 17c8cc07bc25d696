using System.Text.RegularExpressions;

namespace IntegrationHub.Logging;

/// <summary>
/// Masks citizen ID numbers wherever they appear in text: a 12-digit CCCD (căn cước công dân) keeps its last
/// 4 digits, a 9-digit CMND (chứng minh nhân dân) its last 3. Only whole digit runs of exactly that length match.
/// </summary>
public static partial class CitizenIdMask
{
    [GeneratedRegex(@"(?<![0-9])([0-9]{12}|[0-9]{9})(?![0-9])")]
    private static partial Regex IdNumber();

    public static string Mask(string text)
    {
        if (text.Length < 9) return text;
        return IdNumber().Replace(text, m => m.Length == 12
            ? new string('*', 8) + m.Value[8..]
            : new string('*', 6) + m.Value[6..]);
    }

    public static bool ContainsIdNumber(string text) => IdNumber().IsMatch(text);
}
