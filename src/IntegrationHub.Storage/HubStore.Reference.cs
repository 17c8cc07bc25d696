using Dapper;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public sealed partial class HubStore
{
    public Task UpsertAgencyAsync(Agency agency, CancellationToken ct = default) => WriteAsync(async (c, tx) =>
        await c.ExecuteAsync(Cmd(
            "INSERT INTO agencies (code, effective_from, effective_to, name, data) VALUES (@Code, @From, @To, @Name, @Data) " +
            "ON CONFLICT (code, effective_from) DO UPDATE SET effective_to = excluded.effective_to, name = excluded.name, data = excluded.data",
            new { agency.Code, From = Instants.ToText(agency.EffectiveFrom), To = agency.EffectiveTo is { } t ? Instants.ToText(t) : null, agency.Name, Data = Json.Write(agency) },
            tx, ct)), ct);

    public Task UpsertProcedureAsync(Procedure procedure, CancellationToken ct = default) => WriteAsync(async (c, tx) =>
        await c.ExecuteAsync(Cmd(
            "INSERT INTO procedures (code, agency_code, effective_from, effective_to, name, vertical_system, data) VALUES (@Code, @AgencyCode, @From, @To, @Name, @VerticalSystem, @Data) " +
            "ON CONFLICT (code, agency_code, effective_from) DO UPDATE SET effective_to = excluded.effective_to, name = excluded.name, " +
            "vertical_system = excluded.vertical_system, data = excluded.data",
            new
            {
                procedure.Code, procedure.AgencyCode, From = Instants.ToText(procedure.EffectiveFrom),
                To = procedure.EffectiveTo is { } t ? Instants.ToText(t) : null, procedure.Name, procedure.VerticalSystem, Data = Json.Write(procedure),
            }, tx, ct)), ct);

    public async Task<IReadOnlyList<Agency>> GetAgenciesAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<string>(Cmd(
            "SELECT data FROM agencies WHERE effective_from <= @asOf AND (effective_to IS NULL OR effective_to > @asOf) ORDER BY code",
            new { asOf = Instants.ToText(asOf) }, null, ct));
        return rows.Select(Json.Read<Agency>).ToList();
    }

    public async Task<Agency?> FindAgencyAsync(string code, DateOnly asOf, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        return await FindAgencyAsync(c, null, code, asOf, ct);
    }

    public async Task<IReadOnlyList<Procedure>> GetProceduresAsync(DateOnly asOf, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var rows = await c.QueryAsync<string>(Cmd(
            "SELECT data FROM procedures WHERE effective_from <= @asOf AND (effective_to IS NULL OR effective_to > @asOf) ORDER BY code, agency_code",
            new { asOf = Instants.ToText(asOf) }, null, ct));
        return rows.Select(Json.Read<Procedure>).ToList();
    }

    public async Task<Procedure?> FindProcedureAsync(string code, string agencyCode, DateOnly asOf, CancellationToken ct = default)
    {
        await using var c = await Dialect.OpenAsync(ct);
        var data = await c.QueryFirstOrDefaultAsync<string>(Cmd(
            "SELECT data FROM procedures WHERE code = @code AND agency_code = @agencyCode AND effective_from <= @asOf " +
            "AND (effective_to IS NULL OR effective_to > @asOf) ORDER BY effective_from DESC",
            new { code, agencyCode, asOf = Instants.ToText(asOf) }, null, ct));
        return data is null ? null : Json.Read<Procedure>(data);
    }
}
