using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage;

namespace IntegrationHub.LongTerm;

/// <summary>A level stored beside the original document (GET /dossiers/{code}: documents[].longTerm.levels).</summary>
public sealed record LevelView(string Level, int Generation, string Sha256, DateTimeOffset? RenewBefore);

/// <summary>
/// A document's long-term state: the level reached (null while only the original is stored) and the work not done
/// yet, if any: "pending", "retrying" (waitingFor "timestamp" or "revocation" when a service did not answer) or
/// "dead" (a dead letter an admin can replay).
/// </summary>
public sealed record LongTermView(string? Level, DateTimeOffset? RenewBefore, IReadOnlyList<LevelView> Levels,
    string? Task, string? TargetLevel, string? WaitingFor, string? LastError, DateTimeOffset? NextAttemptAt, string? Service = null)
{
    /// <summary>Per document position; documents without levels or tasks are left out.</summary>
    public static IReadOnlyDictionary<int, LongTermView> For(IReadOnlyList<DocumentLevel> levels, IReadOnlyList<Delivery> rows)
    {
        var open = rows.Where(r => r.VerticalSystem == LongTermTarget.Name && r.State != DeliveryState.Delivered)
            .Select(r => (Row: r, Task: LongTermTasks.Read(r.Payload))).Where(x => x.Task is not null)
            .ToLookup(x => x.Task!.Position);
        var positions = levels.Select(l => l.Position).Concat(open.Select(g => g.Key)).Distinct();
        var views = new Dictionary<int, LongTermView>();
        foreach (var position in positions)
        {
            var reached = levels.Where(l => l.Position == position).OrderBy(l => l.Generation).ToList();
            var latest = reached.LastOrDefault();
            var work = open[position].OrderByDescending(x => x.Task!.Generation).Select(x => x.Row).FirstOrDefault();
            views[position] = new LongTermView(latest?.Level, latest?.RenewBefore,
                reached.Select(l => new LevelView(l.Level, l.Generation, l.Sha256, l.RenewBefore)).ToList(),
                work?.State.ToString().ToLowerInvariant(),
                work is null ? null : LongTerm.Levels.ForGeneration(LongTermTasks.Read(work.Payload)!.Generation),
                work is null ? null : LongTermTasks.WaitingFor(work.ErrorClass), work?.LastError,
                work is { State: DeliveryState.Dead } ? null : work?.NextAttemptAt,
                work is null ? null : LongTermTasks.ServiceOf(work.ErrorClass));
        }
        return views;
    }
}
