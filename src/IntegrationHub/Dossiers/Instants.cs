using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Dossiers;

/// <summary>Instants on the wire are ISO-8601 with an explicit offset: a time without one is ambiguous, so refused.</summary>
public static partial class Instants
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static DateTimeOffset ToVietnam(this DateTimeOffset value) => value.ToOffset(Vietnam);
}
