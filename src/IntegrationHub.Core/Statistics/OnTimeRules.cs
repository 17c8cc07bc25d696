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

/// <summary>STUB: signatures fixed by the lead; the Core helper implements them.</summary>
public static class OnTimeRules
{
    /// <summary>Classifies a dossier; an open dossier is judged as of <paramref name="asOf"/> (the period's end).</summary>
    public static DossierOutcome Classify(DossierTimeline dossier, DateTimeOffset asOf) => throw new NotImplementedException();

    /// <summary>The instant before which an end counts as early: the start of the due date's half-day (Vietnam time).</summary>
    public static DateTimeOffset EarlyBefore(DateTimeOffset dueAt) => throw new NotImplementedException();
}
