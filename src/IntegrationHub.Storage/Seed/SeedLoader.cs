using System.Text.Json;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage.Seed;

/// <summary>The reference data file: agencies and procedures with their effective dates.</summary>
public sealed record SeedData(IReadOnlyList<Agency> Agencies, IReadOnlyList<Procedure> Procedures);

/// <summary>
/// Loads <c>Seed/procedures.json</c> (shipped inside the assembly; an admin may load another file) into the store.
/// Rows are upserted by (code, effective from), so loading twice changes nothing and a new dated row is added beside the old.
/// </summary>
public static class SeedLoader
{
    public static SeedData ReadEmbedded()
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream("Seed/procedures.json")
            ?? throw new InvalidOperationException("the procedure seed is missing from the assembly");
        return Read(stream);
    }

    public static SeedData Read(Stream json)
        => JsonSerializer.Deserialize<SeedData>(json, Json.Options) ?? throw new InvalidDataException("the seed file is empty");

    public static async Task LoadAsync(IReferenceDataStore store, SeedData seed, CancellationToken ct = default)
    {
        foreach (var agency in seed.Agencies)
        {
            if (!AgencyCode.IsValid(agency.Code)) throw new InvalidDataException($"seed: '{agency.Code}' is not an agency code");
            await store.UpsertAgencyAsync(agency, ct);
        }
        foreach (var procedure in seed.Procedures)
            await store.UpsertProcedureAsync(procedure, ct);
    }
}
