using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Dossiers;

/// <summary>Procedures and agencies from the seed file (Seed/procedures.json): data, not code.</summary>
public sealed class ProcedureCatalog
{
    public IReadOnlyList<Procedure> Procedures { get; }
    public IReadOnlyList<Agency> Agencies { get; }

    private ProcedureCatalog(IReadOnlyList<Procedure> procedures, IReadOnlyList<Agency> agencies)
    {
        Procedures = procedures;
        Agencies = agencies;
    }

    public Procedure? FindProcedure(string code) => Procedures.FirstOrDefault(p => p.Code == code);
    public Agency? FindAgency(string code) => Agencies.FirstOrDefault(a => a.Code == code);

    public static ProcedureCatalog Load(string path)
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var seed = JsonSerializer.Deserialize<SeedFile>(File.ReadAllBytes(path), options)
            ?? throw new InvalidOperationException($"Empty seed file {path}.");
        var agencies = seed.Agencies.Select(a => new Agency(a.Code, a.Name, OfficeHours.Default)).ToList();
        var procedures = seed.Procedures.Select(p => new Procedure(p.Code, p.Name, p.AgencyCode, p.ProcessingTime.ToDomain(),
            p.OnlineProcessingTime?.ToDomain(), p.Online, p.VerticalSystem, p.SignatureRule)).ToList();
        return new ProcedureCatalog(procedures, agencies);
    }

    private sealed record SeedFile(List<SeedAgency> Agencies, List<SeedProcedure> Procedures);
    private sealed record SeedAgency(string Code, string Name);
    private sealed record SeedProcedure(string Code, string Name, string AgencyCode, SeedTime ProcessingTime, SeedTime? OnlineProcessingTime,
        string Online, string VerticalSystem, SignatureRule SignatureRule);
    private sealed record SeedTime(decimal? Value, ProcessingTimeUnit Unit)
    {
        public ProcessingTime ToDomain() => new(Value, Unit);
    }
}
