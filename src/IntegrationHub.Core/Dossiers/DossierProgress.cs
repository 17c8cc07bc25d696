using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;

namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// Folds status events into <see cref="DossierTimes"/> under the 766 rules: a supplement lasts from a status-5 event
/// to the next event that resumes processing and pushes the effective due date back by that working time; the end
/// is the first end status in the order resolved (9), result returned (10), stopped or refused (8, 3).
/// </summary>
public static class DossierProgress
{
    /// <summary>0 for 9, 1 for 10, 2 for 8 and 3; null for statuses that do not end a dossier for the statistics.</summary>
    public static int? EndRank(DossierStatus status) => status switch
    {
        DossierStatus.Resolved => 0,
        DossierStatus.ResultReturned => 1,
        DossierStatus.Stopped or DossierStatus.Refused => 2,
        _ => null,
    };

    public static DossierTimes Apply(DossierTimes times, DossierStatus status, DateTimeOffset at, OfficeHours hours, IWorkingTime workingTime)
    {
        var result = times;
        if (result.PausedSince is { } pausedSince && status != DossierStatus.SupplementRequested)
        {
            var pause = at > pausedSince ? workingTime.Between(pausedSince, at, hours) : TimeSpan.Zero;
            var due = result.EffectiveDueAt is { } d && pause > TimeSpan.Zero ? workingTime.Add(d, pause, hours) : result.EffectiveDueAt;
            result = result with { EffectiveDueAt = due, PausedSince = null };
        }
        if (status == DossierStatus.SupplementRequested && result.PausedSince is null)
            result = result with { SupplementCount = result.SupplementCount + 1, PausedSince = at };
        if (EndRank(status) is { } rank && (result.EndStatus is not { } ended || rank < EndRank(ended)))
            result = result with { EndedAt = at, EndStatus = status };
        return result;
    }
}
