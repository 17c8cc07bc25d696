using System.Text.Json;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Dossiers;

/// <summary>
/// A store in process memory, for development and for running the API before the storage project lands.
/// One lock makes every write atomic. Procedures and agencies come from the seed file.
/// </summary>
public sealed class InMemoryHubStore(ProcedureCatalog catalog) : IHubStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dossier> dossiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> contents = new(StringComparer.Ordinal);
    private readonly List<(string Code, string Kind)> outbox = [];
    private readonly List<(string Actor, string What)> audit = [];

    public int OutboxCount { get { lock (gate) return outbox.Count; } }
    public int AuditCount { get { lock (gate) return audit.Count; } }

    public Task<IReadOnlyList<Procedure>> ProceduresAsync(CancellationToken ct) => Task.FromResult(catalog.Procedures);
    public Task<Procedure?> FindProcedureAsync(string code, CancellationToken ct) => Task.FromResult(catalog.FindProcedure(code));
    public Task<Agency?> FindAgencyAsync(string code, CancellationToken ct) => Task.FromResult(catalog.FindAgency(code));

    public Task<SaveOutcome> SaveNewDossierAsync(Dossier dossier, IReadOnlyDictionary<string, byte[]> documents, string actor, CancellationToken ct)
    {
        lock (gate)
        {
            if (dossiers.TryGetValue(dossier.Code, out var existing)) return Task.FromResult(new SaveOutcome(false, existing));
            dossiers[dossier.Code] = dossier;
            foreach (var (hash, bytes) in documents) contents.TryAdd(hash, bytes);
            outbox.Add((dossier.Code, "deliver"));
            audit.Add((actor, $"dossier.created {dossier.Code}"));
            return Task.FromResult(new SaveOutcome(true, dossier));
        }
    }

    public Task<Dossier?> FindDossierAsync(string code, CancellationToken ct)
    {
        lock (gate) return Task.FromResult(dossiers.GetValueOrDefault(code));
    }

    public Task<EventOutcome> AppendEventAsync(string code, Func<Dossier, EventDecision> decide, IReadOnlyDictionary<string, byte[]> documents, string actor, CancellationToken ct)
    {
        lock (gate)
        {
            if (!dossiers.TryGetValue(code, out var current)) return Task.FromResult(new EventOutcome(new EventDecision.Refuse(404, "No such dossier."), null));
            var decision = decide(current);
            if (decision is not EventDecision.Apply apply) return Task.FromResult(new EventOutcome(decision, current));
            dossiers[code] = apply.Updated;
            foreach (var (hash, bytes) in documents) contents.TryAdd(hash, bytes);
            audit.Add((actor, $"dossier.status {code} {apply.Updated.Status}"));
            return Task.FromResult(new EventOutcome(decision, apply.Updated));
        }
    }

    public Task<IReadOnlyList<Dossier>> DossiersForStatisticsAsync(DateTimeOffset since, DateTimeOffset until, string? agency, CancellationToken ct)
    {
        lock (gate)
        {
            IReadOnlyList<Dossier> list = dossiers.Values
                .Where(d => d.ReceivedAt <= until && (agency is null || d.AgencyCode == agency))
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<bool> IsReadyAsync(CancellationToken ct) => Task.FromResult(true);
}
