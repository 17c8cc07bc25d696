namespace IntegrationHub.Core.Calendar.Lunar;

/// <summary>A date of the Vietnamese lunisolar calendar (âm lịch). <see cref="IsLeapMonth"/> marks the
/// repeated month (tháng nhuận) of a 13-month year.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    /// <summary>"d/M" as printed on calendars, with "n" (nhuận) after a leap month: "10/3", "15/4n".</summary>
    public string DayMonth => $"{Day}/{Month}{(IsLeapMonth ? "n" : "")}";

    public override string ToString() => $"{DayMonth}/{Year}";
}
