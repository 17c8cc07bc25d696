using System.Globalization;

namespace IntegrationHub.Connectors.Systems;

/// <summary>The national portal's date strings: yyyyMMddHHmmss, wall-clock time in Asia/Ho_Chi_Minh.</summary>
public static class PortalDates
{
    private static readonly TimeZoneInfo Vietnam = Find();

    public static string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Vietnam).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? at) => at is null ? null : Format(at.Value);

    public static DateTimeOffset Parse(string text)
    {
        var local = DateTime.ParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(local, Vietnam.GetUtcOffset(local));
    }

    // Without tzdata the zone is UTC+7 all year (Vietnam has kept no daylight saving since 1975).
    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("UTC+7", TimeSpan.FromHours(7), "UTC+7", "UTC+7"); }
    }
}
