using IntegrationHub.Core.Ports;

namespace IntegrationHub.Storage;

/// <summary>
/// Opens the store: migrates the schema in place, loads the procedure/agency seed (upsert), and returns one
/// object implementing every storage port. Register it as a singleton for each port interface.
/// </summary>
public static class HubStorage
{
    public static Task<HubStore> OpenAsync(StorageOptions options, TimeProvider time, IWorkingTime workingTime, bool loadSeed = true, CancellationToken ct = default)
        => throw new NotImplementedException("store: in progress");
}

/// <summary>The store behind every storage port (SQLite or PostgreSQL).</summary>
public abstract class HubStore : IDossierStore, IReferenceDataStore, IStatisticsStore, IOutboxStore, IAuditLog
{
    public abstract Task<CreateResult> TryCreateAsync(Core.Dossiers.NewDossier dossier, OutboxMessage? outbox, AuditRecord audit, CancellationToken ct = default);
    public abstract Task<Core.Dossiers.Dossier?> GetAsync(string code, CancellationToken ct = default);
    public abstract Task<AppendResult> AppendEventAsync(string code, Core.Dossiers.NewStatusEvent statusEvent, Func<Core.Dossiers.DossierStatus?, Core.Dossiers.DossierStatus, bool> isAllowed, AuditRecord audit, OutboxMessage? outbox = null, CancellationToken ct = default);
    public abstract Task<byte[]?> GetDocumentContentAsync(string sha256, CancellationToken ct = default);
    public abstract Task UpsertAgencyAsync(Core.Procedures.Agency agency, CancellationToken ct = default);
    public abstract Task UpsertProcedureAsync(Core.Procedures.Procedure procedure, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<Core.Procedures.Agency>> GetAgenciesAsync(DateOnly asOf, CancellationToken ct = default);
    public abstract Task<Core.Procedures.Agency?> FindAgencyAsync(string code, DateOnly asOf, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<Core.Procedures.Procedure>> GetProceduresAsync(DateOnly asOf, CancellationToken ct = default);
    public abstract Task<Core.Procedures.Procedure?> FindProcedureAsync(string code, string agencyCode, DateOnly asOf, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<StatsGroup>> GetStatsAsync(StatsQuery query, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<LateDossier>> GetLateReportAsync(string agencyCode, DateTimeOffset asOf, int limit = 500, CancellationToken ct = default);
    public abstract Task<bool> EnqueueAsync(string dossierCode, OutboxMessage message, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<Delivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken ct = default);
    public abstract Task<Delivery?> GetDeliveryAsync(long id, CancellationToken ct = default);
    public abstract Task MarkDeliveredAsync(long id, CancellationToken ct = default);
    public abstract Task MarkFailedAsync(long id, string error, string errorClass, DateTimeOffset nextAttemptAt, CancellationToken ct = default);
    public abstract Task MarkDeadAsync(long id, string error, string errorClass, CancellationToken ct = default);
    public abstract Task<bool> RequeueAsync(long id, string actor, CancellationToken ct = default);
    public abstract Task<DeliveryPage> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct = default);
    public abstract Task<IReadOnlyDictionary<DeliveryState, long>> CountByStateAsync(CancellationToken ct = default);
    public abstract Task<AuditEntry> AppendAsync(AuditRecord record, string? subject, CancellationToken ct = default);
    public abstract Task<IReadOnlyList<AuditEntry>> ListEntriesAsync(string? subject = null, long afterSequence = 0, int limit = 100, CancellationToken ct = default);
    public abstract Task<AuditVerification> VerifyAsync(CancellationToken ct = default);
}
