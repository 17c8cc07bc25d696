using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Procedures;

/// <summary>
/// An administrative procedure (thủ tục hành chính), code <c>d.dddddd</c> such as <c>1.001612</c>, as served
/// by one agency from <see cref="EffectiveFrom"/> (inclusive) to <see cref="EffectiveTo"/> (exclusive, null = open).
/// <see cref="OnlineProcessingTime"/> applies to online submissions when set. <see cref="RequiresValidSignature"/>:
/// true refuses an unsigned or not-PASSED document (422), false accepts it and flags it.
/// </summary>
public sealed record Procedure(
    string Code,
    string Name,
    string AgencyCode,
    string Field,
    ProcessingTime ProcessingTime,
    ProcessingTime? OnlineProcessingTime,
    OnlineLevel OnlineLevel,
    string VerticalSystem,
    bool RequiresValidSignature,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo)
{
    public bool IsEffectiveOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date < EffectiveTo);

    /// <summary>The processing time for a channel: online submissions use their own when the procedure has one.</summary>
    public ProcessingTime ProcessingTimeFor(bool online) => online && OnlineProcessingTime is not null ? OnlineProcessingTime : ProcessingTime;
}

/// <summary>How far a procedure is online: not at all, partly (submit online, papers at the counter), or fully.</summary>
public enum OnlineLevel { None, Partial, Full }

/// <summary>The vertical (ministry) systems the hub routes to, by their wire names.</summary>
public static class VerticalSystems
{
    public const string PlanningInvestment = "planning-investment";
    public const string Trade = "trade";
    public const string Justice = "justice";

    public static IReadOnlyList<string> All { get; } = [PlanningInvestment, Trade, Justice];
}
