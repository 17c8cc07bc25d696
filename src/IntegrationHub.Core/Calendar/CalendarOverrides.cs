using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Core.Calendar;

/// <summary>
/// The government's yearly notices on holidays, as data an admin updates without a release
/// (configuration key <c>Calendar:OverridesFile</c>; the shipped file is embedded as the default).
/// A configured file replaces the shipped one entirely: copy it and add the new year.
/// </summary>
public sealed record CalendarOverrides(string? Comment, IReadOnlyList<YearOverride> Years)
{
    public const int MaxFileBytes = 1_000_000;
    private const string ResourceName = "IntegrationHub.Core.Calendar.calendar-overrides.json";

    public static CalendarOverrides Empty { get; } = new(null, []);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, // a misspelt key must not be ignored silently
    };

    /// <summary>The notices shipped with this release (2025 and 2026).</summary>
    public static CalendarOverrides LoadDefault()
    {
        using var stream = typeof(CalendarOverrides).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Load(stream, "embedded calendar-overrides.json");
    }

    /// <summary>Loads and checks a file. <exception cref="InvalidDataException">with the reason when it is not valid.</exception></summary>
    public static CalendarOverrides LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new InvalidDataException($"Calendar overrides file '{path}' does not exist.");
        if (info.Length > MaxFileBytes)
            throw new InvalidDataException($"Calendar overrides file '{path}' is larger than {MaxFileBytes} bytes.");
        using var stream = info.OpenRead();
        return Load(stream, path);
    }

    public static CalendarOverrides Load(Stream stream, string sourceName)
    {
        CalendarOverrides? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<CalendarOverrides>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not a valid calendar overrides file: {e.Message}", e);
        }
        if (parsed is null)
            throw new InvalidDataException($"{sourceName}: the file is empty (null).");
        var result = parsed with { Years = parsed.Years ?? [] };
        var error = result.Validate();
        return error is null ? result : throw new InvalidDataException($"{sourceName}: {error}");
    }

    public YearOverride? For(int year) => Years.FirstOrDefault(y => y.Year == year);

    /// <summary>The first problem found, or null.</summary>
    public string? Validate()
    {
        var seen = new HashSet<int>();
        foreach (var y in Years)
        {
            if (y is null) return "a year entry is null";
            if (!seen.Add(y.Year)) return $"year {y.Year} appears twice";
            var error = y.Validate();
            if (error is not null) return $"year {y.Year}: {error}";
        }
        return null;
    }
}

/// <summary>
/// One year's notice. <see cref="Replace"/> maps a holiday key (see <see cref="StatutoryHolidays.Keys"/>) to
/// the weekdays actually taken off for it; they replace the computed days and their make-up days.
/// <see cref="ExtraDaysOff"/> adds days (swaps), <see cref="WorkingSaturdays"/> are Saturdays worked.
/// </summary>
public sealed record YearOverride(
    int Year,
    string? Source,
    string? Comment,
    IReadOnlyDictionary<string, IReadOnlyList<OverrideDay>>? Replace,
    IReadOnlyList<OverrideDay>? ExtraDaysOff,
    IReadOnlyList<DateOnly>? WorkingSaturdays)
{
    internal string? Validate()
    {
        if (Year is < Lunar.VietnameseLunarCalendar.MinYear or > Lunar.VietnameseLunarCalendar.MaxYear)
            return "years 1900–2100 are supported";
        foreach (var (key, days) in Replace ?? new Dictionary<string, IReadOnlyList<OverrideDay>>())
        {
            if (!StatutoryHolidays.Keys.Contains(key))
                return $"unknown holiday '{key}' (known: {string.Join(", ", StatutoryHolidays.Keys)})";
            if (days is null) return $"holiday '{key}' has no list of days";
            var error = CheckDays(days);
            if (error is not null) return $"holiday '{key}': {error}";
        }
        var extraError = CheckDays(ExtraDaysOff ?? []);
        if (extraError is not null) return $"extraDaysOff: {extraError}";
        foreach (var saturday in WorkingSaturdays ?? [])
        {
            if (saturday.Year != Year) return $"working Saturday {saturday:yyyy-MM-dd} is not in {Year}";
            if (saturday.DayOfWeek != DayOfWeek.Saturday) return $"working Saturday {saturday:yyyy-MM-dd} is a {saturday.DayOfWeek}";
        }
        return null;
    }

    private string? CheckDays(IEnumerable<OverrideDay> days)
    {
        foreach (var day in days)
        {
            if (day is null) return "a day is null";
            if (day.Date.Year != Year) return $"{day.Date:yyyy-MM-dd} is not in {Year}";
            if (day.Name is { Length: > 200 }) return $"the name of {day.Date:yyyy-MM-dd} is too long";
        }
        return null;
    }
}

/// <summary>A day off in a notice; the name defaults to the holiday's, the lunar date is computed when omitted.</summary>
public sealed record OverrideDay(DateOnly Date, string? Name = null, string? LunarDate = null);
