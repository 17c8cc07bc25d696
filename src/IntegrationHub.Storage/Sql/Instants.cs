using System.Globalization;

namespace IntegrationHub.Storage.Sql;

/// <summary>
/// Instants are stored twice where they are queried: as ISO-8601 text with their offset (what was sent, for display)
/// and as UTC epoch milliseconds (for indexed comparisons, the same in both databases).
/// </summary>
internal static class Instants
{
    public static string ToText(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
    public static string? ToText(DateTimeOffset? value) => value is { } v ? ToText(v) : null;

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);

    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();
    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static string ToText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Vietnam time (UTC+7, no daylight saving): where a calendar date starts.</summary>
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    public static DateTimeOffset StartOfVietnamDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Vietnam);
}
