using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Core.Ports;

/// <summary>Procedures and agencies: dated data, loaded from the seed file at start and upserted by (code, effectiveFrom).</summary>
public interface IReferenceDataStore
{
    Task UpsertAgencyAsync(Agency agency, CancellationToken ct = default);
    Task UpsertProcedureAsync(Procedure procedure, CancellationToken ct = default);

    /// <summary>The agencies effective on <paramref name="asOf"/> (a Vietnam date), by code.</summary>
    Task<IReadOnlyList<Agency>> GetAgenciesAsync(DateOnly asOf, CancellationToken ct = default);
    Task<Agency?> FindAgencyAsync(string code, DateOnly asOf, CancellationToken ct = default);

    /// <summary>The procedures effective on <paramref name="asOf"/>, by code then agency.</summary>
    Task<IReadOnlyList<Procedure>> GetProceduresAsync(DateOnly asOf, CancellationToken ct = default);

    /// <summary>The procedure <paramref name="code"/> served by <paramref name="agencyCode"/> on <paramref name="asOf"/>.</summary>
    Task<Procedure?> FindProcedureAsync(string code, string agencyCode, DateOnly asOf, CancellationToken ct = default);
}
