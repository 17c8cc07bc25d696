using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Core.Procedures;

/// <summary>
/// An agency (cơ quan) with its office hours, valid from <see cref="EffectiveFrom"/> (inclusive) to
/// <see cref="EffectiveTo"/> (exclusive, null = open): provinces merge and districts go, so agencies are dated data.
/// </summary>
public sealed record Agency(
    string Code,
    string Name,
    string? ParentCode,
    OfficeHours OfficeHours,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo)
{
    public bool IsEffectiveOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date < EffectiveTo);
}
