namespace IntegrationHub.Dossiers;

/// <summary>
/// What the API needs of the store, in one place. An adapter maps it onto the storage project's ports; every
/// write method is one transaction (dossier + documents + outbox + audit; event + audit).
/// </summary>
public interface IHubStore
{
    Task<IReadOnlyList<Procedure>> ProceduresAsync(CancellationToken ct);
    Task<Procedure?> FindProcedureAsync(string code, CancellationToken ct);
    Task<Agency?> FindAgencyAsync(string code, CancellationToken ct);

    /// <summary>Stores a new dossier, its document contents (by SHA-256), its outbox row and audit entry at once.
    /// When the code exists already, stores nothing and returns the stored dossier with Created = false.</summary>
    Task<SaveOutcome> SaveNewDossierAsync(Dossier dossier, IReadOnlyDictionary<string, byte[]> contents, string actor, CancellationToken ct);

    Task<Dossier?> FindDossierAsync(string code, CancellationToken ct);

    /// <summary>Applies a status change decided against the current dossier, atomically (no lost update between
    /// the decision and the write). <paramref name="decide"/> returns the dossier to store, or a refusal.</summary>
    Task<EventOutcome> AppendEventAsync(string code, Func<Dossier, EventDecision> decide, IReadOnlyDictionary<string, byte[]> contents, string actor, CancellationToken ct);

    /// <summary>Dossiers received up to <paramref name="until"/> that were still open at or ended after <paramref name="since"/>, or received in the period.</summary>
    Task<IReadOnlyList<Dossier>> DossiersForStatisticsAsync(DateTimeOffset since, DateTimeOffset until, string? agency, CancellationToken ct);

    Task<bool> IsReadyAsync(CancellationToken ct);
}

public sealed record SaveOutcome(bool Created, Dossier Stored);

/// <summary>What the event rules decided: apply (the new dossier), duplicate (already applied), or refuse.</summary>
public abstract record EventDecision
{
    public sealed record Apply(Dossier Updated) : EventDecision;
    public sealed record Duplicate : EventDecision;
    public sealed record Refuse(int Status, string Reason) : EventDecision;
}

public sealed record EventOutcome(EventDecision Decision, Dossier? Dossier);
