using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Dossiers;

/// <summary>Instants on the wire are ISO-8601 with an explicit offset: a time without one is ambiguous, so refused.</summary>
public static partial class Instants
{
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
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
