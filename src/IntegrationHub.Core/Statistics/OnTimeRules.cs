namespace IntegrationHub.Core.Statistics;

/// <summary>How a dossier counts in the transparency statistics (Decision 766 practice).</summary>
public enum DossierOutcome { ResolvedEarly, ResolvedOnTime, ResolvedLate, InProgressOnTime, InProgressOverdue, NoDueDate }

/// <summary>
/// What the rules need of one dossier. <see cref="EffectiveDueAt"/> is the due date pushed back by the
/// supplement time; <see cref="EndedAt"/> the first end status's time (9, then 10, then 8 or 3).
/// </summary>
public sealed record DossierTimeline(
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? EffectiveDueAt,
    DateTimeOffset? EndedAt,
    int SupplementCount);

/// <summary>
/// The on-time rules of Decision 766/QĐ-TTg as DOMAIN.md states them:
/// <list type="bullet">
/// <item>ended: late if more than one supplement was requested, else late if the end is after the effective
/// due date (the due date when no supplement moved it), early if it is before the start of the due date's
/// half-day (<see cref="EarlyBefore(DateTimeOffset)"/>), on time otherwise (the end may equal the due date);</item>
/// <item>an end after <c>asOf</c> does not count yet: the dossier is judged as open;</item>
/// <item>open as of <c>asOf</c>: overdue once <c>asOf</c> is past the effective due date, or once a second
/// supplement was requested (it can no longer end on time); in progress on time otherwise;</item>
/// <item>no due date: <see cref="DossierOutcome.NoDueDate"/>. Such a dossier can never be late; in 766
/// practice it counts as on time (resolved on time when ended, in progress on time when open):
/// <see cref="ForReport"/> does that mapping for the statistics.</item>
/// </list>
/// </summary>
public static class OnTimeRules
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
    private static readonly TimeOnly MorningStart = new(7, 0);
    private static readonly TimeOnly AfternoonStart = new(13, 30);

    /// <summary>Classifies a dossier; an open dossier is judged as of <paramref name="asOf"/> (the period's end).</summary>
    public static DossierOutcome Classify(DossierTimeline dossier, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (dossier.DueAt is not { } due)
            return DossierOutcome.NoDueDate;
        var effectiveDue = dossier.EffectiveDueAt ?? due;
        bool tooManySupplements = dossier.SupplementCount > 1;

        if (dossier.EndedAt is { } end && end <= asOf)
        {
            if (tooManySupplements || end > effectiveDue)
                return DossierOutcome.ResolvedLate;
            return end < EarlyBefore(effectiveDue) ? DossierOutcome.ResolvedEarly : DossierOutcome.ResolvedOnTime;
        }
        return tooManySupplements || asOf > effectiveDue ? DossierOutcome.InProgressOverdue : DossierOutcome.InProgressOnTime;
    }

    /// <summary>The outcome as the statistics count it: a dossier without a due date counts as on time.</summary>
    public static DossierOutcome ForReport(DossierTimeline dossier, DateTimeOffset asOf)
    {
        var outcome = Classify(dossier, asOf);
        if (outcome != DossierOutcome.NoDueDate)
            return outcome;
        return dossier.EndedAt is { } end && end <= asOf ? DossierOutcome.ResolvedOnTime : DossierOutcome.InProgressOnTime;
    }

    /// <summary>The instant before which an end counts as early: the start of the due date's half-day (Vietnam time),
    /// with the default sessions: 07:00 for a due time before 13:30, 13:30 from then on.</summary>
    public static DateTimeOffset EarlyBefore(DateTimeOffset dueAt)
        => EarlyBefore(dueAt, [MorningStart, AfternoonStart]);

    /// <summary>As <see cref="EarlyBefore(DateTimeOffset)"/> for an agency whose sessions start at <paramref name="sessionStarts"/>:
    /// the latest session start at or before the due time that day; the due instant itself when it is before the first session.</summary>
    public static DateTimeOffset EarlyBefore(DateTimeOffset dueAt, IReadOnlyList<TimeOnly> sessionStarts)
    {
        ArgumentNullException.ThrowIfNull(sessionStarts);
        var local = dueAt.ToOffset(VietnamOffset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        TimeOnly? start = null;
        foreach (var s in sessionStarts)
            if (s <= time && (start is null || s > start))
                start = s;
        if (start is null)
            return local;
        return new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).ToDateTime(start.Value), VietnamOffset);
    }
}
