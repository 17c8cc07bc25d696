using IntegrationHub.Core.Dossiers;
using S = IntegrationHub.Core.Dossiers.DossierStatus;

namespace IntegrationHub.Dossiers;

/// <summary>
/// Which national status may follow which. 3, 7, 8 and 10 are final; after 9 only 10 (the result handed over).
/// Processing (4) may repeat: a new step with another official.
/// </summary>
public static class StatusTransitions
{
    private static readonly Dictionary<S, S[]> Allowed = new()
    {
        [S.Registered] = [S.Received, S.Refused, S.Withdrawn],
        [S.Received] = [S.Processing, S.SupplementRequested, S.PaymentRequested, S.Withdrawn, S.Stopped, S.Resolved],
        [S.Processing] = [S.Processing, S.SupplementRequested, S.PaymentRequested, S.Withdrawn, S.Stopped, S.Resolved],
        [S.SupplementRequested] = [S.Received, S.Processing, S.PaymentRequested, S.Withdrawn, S.Stopped, S.Resolved],
        [S.PaymentRequested] = [S.Processing, S.SupplementRequested, S.Withdrawn, S.Stopped, S.Resolved],
        [S.Resolved] = [S.ResultReturned],
        [S.Refused] = [], [S.Withdrawn] = [], [S.Stopped] = [], [S.ResultReturned] = [],
    };

    /// <summary>A dossier with no status yet may only be registered or received.</summary>
    public static bool IsAllowed(DossierStatus? from, DossierStatus to) => from is null
        ? to is S.Registered or S.Received
        : Allowed.TryGetValue(from.Value, out var next) && next.Contains(to);
}
