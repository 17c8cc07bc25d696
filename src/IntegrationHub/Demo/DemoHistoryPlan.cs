using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Demo;

/// <summary>One past dossier as the demo writes it: the submission, its status events, and whether it ended in the dead letters.</summary>
public sealed record PlannedDossier(NewDossier Dossier, IReadOnlyList<NewStatusEvent> Events, bool DeadLetter);

/// <summary>
/// The demo history: deterministic for a given first day and seed, so a second start (or one resuming an interrupted
/// seeding) plans the very same dossiers and the store turns them into no-ops. Most dossiers are resolved on time,
/// some after a supplement request, some late with an apology and a new date; recent ones are still in progress;
/// a few of the last days never reached the trade ministry (down) and sit in the dead letters.
/// </summary>
public static class DemoHistoryPlan
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <param name="firstStart">the Vietnam date of the first start: the history ends the day before, so live codes never meet it</param>
    /// <param name="catalog">the agencies and procedures effective on a date</param>
    /// <param name="dueAt">the due date the hub computes for a dossier (procedure, agency, received at, channel)</param>
    public static IReadOnlyList<PlannedDossier> Make(
        DateOnly firstStart, int seed, int count, int days,
        Func<DateOnly, (IReadOnlyList<Agency> Agencies, IReadOnlyList<Procedure> Procedures)> catalog,
        Func<Procedure, Agency, DateTimeOffset, SubmissionChannel, DateTimeOffset?> dueAt)
    {
        var random = new Random(seed);
        var arrivals = new List<(DateTimeOffset At, Procedure Procedure, Agency Agency)>();
        var firstDay = firstStart.AddDays(-Math.Max(1, days));
        var workingDays = Enumerable.Range(0, firstStart.DayNumber - firstDay.DayNumber)
            .Select(firstDay.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        if (workingDays.Count == 0) return [];
        var catalogs = new Dictionary<DateOnly, (IReadOnlyList<Agency> Agencies, IReadOnlyList<Procedure> Procedures)>();
        for (var i = 0; i < count; i++)
        {
            var day = DemoCast.Pick(workingDays, random);
            if (!catalogs.TryGetValue(day, out var c)) catalogs[day] = c = catalog(day);
            var procedures = c.Procedures.Where(p => c.Agencies.Any(a => a.Code == p.AgencyCode)).ToList();
            if (procedures.Count == 0) continue;
            var procedure = DemoCast.Pick(procedures, random);
            var agency = c.Agencies.First(a => a.Code == procedure.AgencyCode);
            // Office hours, with a few evening submissions online (their clock starts the next working morning).
            var minutes = random.NextDouble() < 0.08 ? random.Next(18 * 60, 22 * 60) : random.Next(7 * 60 + 15, 16 * 60 + 45);
            arrivals.Add((new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Vietnam).AddMinutes(minutes), procedure, agency));
        }

        var sequences = new Dictionary<(string, DateOnly), int>();
        var lastDays = workingDays.TakeLast(3).ToHashSet();
        var plan = new List<PlannedDossier>();
        foreach (var (at, procedure, agency) in arrivals.OrderBy(a => a.At))
        {
            var day = DateOnly.FromDateTime(at.DateTime);
            var key = (agency.Code, day);
            var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
            var code = DossierCode.Format(agency.Code, day, sequence);
            var channel = random.NextDouble() < 0.8 ? SubmissionChannel.Online : SubmissionChannel.Counter;
            var due = dueAt(procedure, agency, at, channel);
            var applicant = new Applicant(DemoCast.ApplicantName(random), DemoCast.IdNumber(random), $"09{random.Next(10_000_000, 99_999_999)}", null);
            var dossier = new NewDossier(code, procedure.Code, agency.Code, at, channel, applicant, due, procedure.VerticalSystem, [],
                channel == SubmissionChannel.Online ? DossierStatus.Registered : DossierStatus.Received);
            // The trade ministry was down on the last days: a few of its dossiers ran out of attempts.
            var dead = procedure.VerticalSystem == VerticalSystems.Trade && lastDays.Contains(day) && random.NextDouble() < 0.35;
            plan.Add(new PlannedDossier(dossier, dead ? [] : Timeline(dossier, DemoCast.For(agency.Code), random), dead));
        }
        return plan;
    }

    private static List<NewStatusEvent> Timeline(NewDossier d, Official[] people, Random random)
    {
        var events = new List<NewStatusEvent>();
        var t = d.ReceivedAt;
        void Add(DossierStatus status, Official who, string? note = null, DateTimeOffset? stepDue = null, Apology? apology = null) =>
            events.Add(new NewStatusEvent($"DEMO-{d.Code}-{events.Count + 1}", status, null, t, who, note, stepDue, apology, null));

        if (d.InitialStatus == DossierStatus.Registered)
        {
            t = t.AddMinutes(random.Next(10, 120));
            var roll = random.NextDouble();
            if (roll < 0.02) { Add(DossierStatus.Refused, people[0], "Hồ sơ không thuộc thẩm quyền giải quyết"); return events; }
            Add(DossierStatus.Received, people[0]);
        }
        var handler = people[1 + random.Next(2)];
        t = t.AddMinutes(random.Next(30, 300));
        Add(DossierStatus.Processing, handler, stepDue: d.DueAt);
        if (random.NextDouble() < 0.015) { t = t.AddHours(random.Next(2, 48)); Add(DossierStatus.Withdrawn, people[0], "Công dân rút hồ sơ"); return events; }

        var span = d.DueAt is { } due ? due - t : TimeSpan.FromDays(random.Next(1, 6));
        if (span < TimeSpan.FromHours(1)) span = TimeSpan.FromHours(1);
        if (random.NextDouble() < 0.10)
        {
            // A supplement request pauses the agency's clock until the applicant brings the papers.
            t = t.AddTicks((long)(span.Ticks * 0.2));
            Add(DossierStatus.SupplementRequested, handler, DemoCast.Pick(DemoCast.SupplementNotes, random));
            var pause = TimeSpan.FromHours(random.Next(20, 96));
            t += pause;
            Add(DossierStatus.Processing, handler, "Công dân đã bổ sung hồ sơ", d.DueAt + pause);
            span += pause;
            span -= TimeSpan.FromTicks((long)(span.Ticks * 0.2));
        }

        DateTimeOffset resolved;
        if (d.DueAt is { } dueAt && random.NextDouble() < 0.11)
        {
            // Late: before the date passes the agency sends the apology form with a new date, then resolves late.
            var newDue = dueAt.AddDays(random.Next(2, 8));
            var apologyAt = dueAt.AddHours(-random.Next(2, 20));
            if (apologyAt > t) t = apologyAt;
            Add(DossierStatus.Processing, people[3], "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả", newDue,
                new Apology(DemoCast.Pick(DemoCast.ApologyReasons, random), newDue));
            resolved = dueAt + TimeSpan.FromHours(random.Next(4, (int)(newDue - dueAt).TotalHours + 24));
        }
        else if (d.DueAt is not null && random.NextDouble() < 0.3)
            resolved = t + span - TimeSpan.FromMinutes(random.Next(5, 200)); // on the due day, within its last half-day
        else resolved = t + TimeSpan.FromTicks((long)(span.Ticks * (0.25 + 0.6 * random.NextDouble())));
        if (resolved <= t) resolved = t.AddMinutes(30);
        t = resolved;
        Add(DossierStatus.Resolved, people[3], "Đã ký duyệt kết quả");
        t = t.AddHours(random.Next(1, 30));
        Add(DossierStatus.ResultReturned, people[0], "Đã trả kết quả cho công dân");
        return events;
    }
}
