using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Statistics;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Apis;

// What the reports answer. Leaders see officials and steps, never the applicant or the documents.

/// <summary>
/// A late or overdue dossier. <see cref="DueAt"/> is the effective due date (the one promised at intake, pushed back by
/// supplement time) that the statistics judge against; an apology's new date is in <see cref="Apology"/>.
/// <see cref="LateWorkingDays"/> counts working days past it up to the end, or up to now for an open dossier.
/// </summary>
public sealed record LateDossierView(string Code, string AgencyCode, string ProcedureCode, string? ProcedureName, int Status, string StatusName,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? OriginalDueAt, DateTimeOffset? EffectiveDueAt, DateTimeOffset? EndedAt,
    bool Overdue, int LateWorkingDays, int SupplementCount, Official? CurrentOfficial, HistoryView? OverrunStep, Apology? Apology, bool ApologySent)
{
    public static LateDossierView From(LateDossier d, string agencyCode, string? procedureName, int lateWorkingDays) => new(d.Code, agencyCode,
        d.ProcedureCode, procedureName, (int)d.Status, DossierStatusNames.Vietnamese(d.Status), d.ReceivedAt, d.EffectiveDueAt, d.OriginalDueAt, d.EffectiveDueAt,
        d.EndedAt, d.Overdue, lateWorkingDays, d.SupplementCount, d.CurrentOfficial,
        d.OverrunStep is null ? null : HistoryView.From(d.OverrunStep), d.Apology, d.Apology is not null);
}

public sealed record AgencyView(string Code, string Name);

/// <summary>
/// One dossier for the leaders' drill-down. <see cref="Outcome"/> is how the statistics count it now: early, onTime, late,
/// inProgressOnTime, overdue or noDueDate. <see cref="DueAt"/> is the date promised now (an apology moves it).
/// </summary>
public sealed record TimelineView(string Code, string AgencyCode, string ProcedureCode, string? ProcedureName, int Status, string StatusName,
    DateTimeOffset ReceivedAt, DateTimeOffset? OriginalDueAt, DateTimeOffset? EffectiveDueAt, DateTimeOffset? DueAt, DateTimeOffset? EndedAt,
    string Outcome, int LateWorkingDays, int SupplementCount, Official? CurrentOfficial,
    IReadOnlyList<TimelineStepView> Steps, IReadOnlyList<SupplementView> Supplements, IReadOnlyList<ApologyView> Apologies)
{
    /// <summary>Signature work of this dossier that waits for a service (a TSA, an OCSP responder, a CRL host) or for an admin.</summary>
    public IReadOnlyList<SignatureWaitView> SignaturesWaiting { get; init; } = [];

    public static TimelineView From(Dossier d, string? procedureName, DateTimeOffset now, IWorkingCalendar calendar)
    {
        var ended = d.Times.EndedAt is { } e && e <= now ? e : (DateTimeOffset?)null;
        var outcome = OnTimeRules.Classify(new DossierTimeline(d.ReceivedAt, d.OriginalDueAt ?? d.Times.EffectiveDueAt, d.Times.EffectiveDueAt,
            ended, d.Times.SupplementCount), now) switch
        {
            DossierOutcome.ResolvedEarly => "early",
            DossierOutcome.ResolvedOnTime => "onTime",
            DossierOutcome.ResolvedLate => "late",
            DossierOutcome.InProgressOnTime => "inProgressOnTime",
            DossierOutcome.InProgressOverdue => "overdue",
            _ => "noDueDate",
        };
        return new TimelineView(d.Code, d.AgencyCode, d.ProcedureCode, procedureName, (int)d.Status, DossierStatusNames.Vietnamese(d.Status), d.ReceivedAt,
            d.OriginalDueAt, d.Times.EffectiveDueAt, d.DueAt, ended, outcome, Lateness.WorkingDaysLate(d.Times.EffectiveDueAt, ended ?? now, calendar),
            d.Times.SupplementCount, d.History.LastOrDefault(h => h.Official is not null)?.Official,
            StepsOf(d.History, ended is null ? now : null, calendar), SupplementsOf(d.History), ApologiesOf(d.History, d.OriginalDueAt));
    }

    /// <summary>Each step runs from its event to the next one; the last runs until now while the dossier is open.</summary>
    private static List<TimelineStepView> StepsOf(IReadOnlyList<StatusEvent> history, DateTimeOffset? openUntil, IWorkingCalendar calendar)
    {
        var steps = new List<TimelineStepView>(history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            var h = history[i];
            var finishedAt = i + 1 < history.Count ? history[i + 1].At : (DateTimeOffset?)null;
            var until = finishedAt ?? openUntil;
            var overran = h.StepDueAt is { } due && until is { } u && u > due;
            steps.Add(new TimelineStepView(i + 1, h.EventId, (int)h.Status, DossierStatusNames.Vietnamese(h.Status), h.At, h.Official, h.Note, h.StepDueAt,
                finishedAt, overran, overran ? Lateness.WorkingDaysLate(h.StepDueAt, until!.Value, calendar) : 0, h.Apology));
        }
        return steps;
    }

    /// <summary>A supplement lasts from a status-5 event to the next event that is not another status 5 (DESIGN.md).</summary>
    private static List<SupplementView> SupplementsOf(IReadOnlyList<StatusEvent> history)
    {
        var supplements = new List<SupplementView>();
        StatusEvent? open = null;
        foreach (var h in history)
        {
            if (h.Status == DossierStatus.SupplementRequested) { open ??= h; continue; }
            if (open is not null) { supplements.Add(new SupplementView(open.At, h.At, open.Note, open.Official)); open = null; }
        }
        if (open is not null) supplements.Add(new SupplementView(open.At, null, open.Note, open.Official));
        return supplements;
    }

    /// <summary>Every apology with the date it replaced (form 04 keeps both).</summary>
    private static List<ApologyView> ApologiesOf(IReadOnlyList<StatusEvent> history, DateTimeOffset? originalDue)
    {
        var apologies = new List<ApologyView>();
        var promised = originalDue;
        foreach (var h in history)
        {
            if (h.Apology is not { } a) continue;
            apologies.Add(new ApologyView(h.At, a.Reason, promised, a.NewDueAt, h.Official));
            promised = a.NewDueAt;
        }
        return apologies;
    }
}

/// <summary>One step: <see cref="FinishedAt"/> is the next step's time (null for the current one); it overran when it
/// finished (or, still open, now is) after its own deadline <see cref="StepDueAt"/>.</summary>
public sealed record TimelineStepView(int Seq, string EventId, int Status, string StatusName, DateTimeOffset At, Official? Official, string? Note,
    DateTimeOffset? StepDueAt, DateTimeOffset? FinishedAt, bool Overran, int LateWorkingDays, Apology? Apology);

/// <summary>A supplement request and when processing resumed (null while the applicant has not answered).</summary>
public sealed record SupplementView(DateTimeOffset RequestedAt, DateTimeOffset? ResumedAt, string? Note, Official? RequestedBy);

public sealed record ApologyView(DateTimeOffset At, string Reason, DateTimeOffset? PreviousDueAt, DateTimeOffset NewDueAt, Official? Official);

/// <summary>
/// Why a dossier's signature work is not done, without naming the document: kind "seal" or "augment" (held requests) or
/// "long-term" (the B-LT/B-LTA jobs); waitingFor "timestamp" or "revocation" (a long-term task only queued is not listed);
/// status "waiting" or "dead-letter" (attempts used up, an admin replays it); service is the host that did not answer.
/// </summary>
public sealed record SignatureWaitView(string Kind, string? WaitingFor, string Status, string? Service, DateTimeOffset? NextAttemptAt)
{
    public static IReadOnlyList<SignatureWaitView> Of(IReadOnlyList<Sealing.HeldSealView> held, IEnumerable<LongTerm.LongTermView> longTerm) =>
        held.Where(h => h.Status != Sealing.HeldSealView.Sealed && h.Status != Sealing.HeldSealView.Augmented)
            .Select(h => new SignatureWaitView(h.Kind, h.WaitingFor, h.Status == Sealing.HeldSealView.DeadLetter ? "dead-letter" : "waiting",
                h.Host, h.NextAttemptAt))
            .Concat(longTerm.Where(l => l.WaitingFor is not null || l.Task == "dead")
                .Select(l => new SignatureWaitView("long-term", l.WaitingFor, l.Task == "dead" ? "dead-letter" : "waiting",
                    l.Service, l.NextAttemptAt)))
            .ToList();
}
