namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// The dossier state machine on the national status codes. One explicit table: for each status, the
/// statuses that may follow it. Reading it:
/// <list type="bullet">
/// <item>a new dossier starts at 1 (registered online) or 2 (received at the counter);</item>
/// <item>1 is received (2), refused (3) or withdrawn (7);</item>
/// <item>once received (2) it is processed (4), sent for supplement (5), asked to pay (6), withdrawn (7),
/// stopped (8) or resolved (9); 4 may repeat (the dossier moves to another official or step);</item>
/// <item>5 and 6 resume processing (4) or go straight to any later outcome; 5 and 6 may follow each other;</item>
/// <item>9 (resolved) only leads to 10 (result returned), so 9 needs a received dossier and 10 needs 9;</item>
/// <item>3, 7, 8 and 10 end the dossier: nothing follows them.</item>
/// </list>
/// Repeating a status (other than 4) is refused; a duplicated event is caught by its event id, not here.
/// </summary>
public static class StatusTransitions
{
    private static readonly IReadOnlyDictionary<DossierStatus, DossierStatus[]> Next = new Dictionary<DossierStatus, DossierStatus[]>
    {
        [DossierStatus.Registered] = [DossierStatus.Received, DossierStatus.Refused, DossierStatus.Withdrawn],
        [DossierStatus.Received] = [DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.PaymentRequested,
            DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.Processing] = [DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.PaymentRequested,
            DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.SupplementRequested] = [DossierStatus.Processing, DossierStatus.PaymentRequested,
            DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.PaymentRequested] = [DossierStatus.Processing, DossierStatus.SupplementRequested,
            DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.Resolved] = [DossierStatus.ResultReturned],
        [DossierStatus.Refused] = [],
        [DossierStatus.Withdrawn] = [],
        [DossierStatus.Stopped] = [],
        [DossierStatus.ResultReturned] = [],
    };

    private static readonly DossierStatus[] Initial = [DossierStatus.Registered, DossierStatus.Received];

    /// <param name="from">the current status; null for a dossier that does not exist yet</param>
    public static bool IsAllowed(DossierStatus? from, DossierStatus to) => Check(from, to) is null;

    /// <summary>Null when the transition is allowed, else why not (in English, for the 409 problem detail).</summary>
    public static string? Check(DossierStatus? from, DossierStatus to)
    {
        if (!Enum.IsDefined(to))
            return $"{(int)to} is not a national status code (1–10).";
        if (from is not { } current)
            return Initial.Contains(to) ? null : $"A dossier starts as {Describe(DossierStatus.Registered)} or {Describe(DossierStatus.Received)}, not {Describe(to)}.";
        if (!Next.TryGetValue(current, out var allowed))
            return $"{(int)current} is not a national status code (1–10).";
        if (allowed.Contains(to))
            return null;
        if (allowed.Length == 0)
            return $"The dossier has ended with {Describe(current)}; no status may follow.";
        if (to == DossierStatus.ResultReturned)
            return $"A result can only be returned after the dossier is resolved (9), not from {Describe(current)}.";
        if (to == DossierStatus.Resolved)
            return $"A dossier must be received (2) before it is resolved; it is {Describe(current)}.";
        return $"{Describe(current)} cannot be followed by {Describe(to)}.";
    }

    /// <summary>The statuses that may follow <paramref name="from"/> (null: the first status).</summary>
    public static IReadOnlyList<DossierStatus> Allowed(DossierStatus? from)
        => from is { } s ? (Next.TryGetValue(s, out var next) ? next : []) : Initial;

    /// <summary>3, 7, 8, 9 and 10 end processing.</summary>
    public static bool IsEnd(DossierStatus status) => status is DossierStatus.Refused or DossierStatus.Withdrawn
        or DossierStatus.Stopped or DossierStatus.Resolved or DossierStatus.ResultReturned;

    /// <summary>
    /// The dossier's end for the statistics (DOMAIN.md, 766 practice): the first resolved (9) if any, else the
    /// first result returned (10), else the first stopped or refused (8 or 3), else null (still open).
    /// A withdrawal (7) is not an end the statistics judge.
    /// </summary>
    public static (DossierStatus Status, DateTimeOffset At)? FirstEnd(IEnumerable<(DossierStatus Status, DateTimeOffset At)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var ordered = history.OrderBy(h => h.At).ToList();
        foreach (var group in new[] { new[] { DossierStatus.Resolved }, [DossierStatus.ResultReturned], [DossierStatus.Stopped, DossierStatus.Refused] })
        {
            foreach (var entry in ordered)
                if (group.Contains(entry.Status))
                    return entry;
        }
        return null;
    }

    private static string Describe(DossierStatus status) => $"{(int)status} ({DossierStatusNames.English(status)})";
}
