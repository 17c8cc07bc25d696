using System.Text.Json;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Dossiers;
using IntegrationHub.Extensions;

namespace IntegrationHub.Demo;

/// <summary>
/// Writes the demo history through the store, once. The first start records its date and seed in
/// {DataDir}/demo/history.json; later starts read them back, plan the same dossiers and skip the work when the file
/// says it was completed. An interrupted seeding resumes: a stored dossier answers Existing, a stored event Duplicate.
/// </summary>
public sealed class DemoHistory(
    IDossierStore dossiers, IOutboxStore outbox, IReferenceDataStore reference, DueDates dueDates, DemoOptions options,
    HubOptions hub, TimeProvider time, ILogger<DemoHistory> log)
{
    private sealed record Marker(DateOnly FirstStart, int Seed, bool Completed, int Dossiers);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The Vietnam date of the first start (the live feed numbers codes from that day on), once known.</summary>
    public DateOnly? FirstStart { get; private set; }

    /// <summary>Dossiers of the history stored so far in this run (new or already there).</summary>
    public int Written => written;
    private int written;

    public async Task<int> WriteAsync(CancellationToken ct)
    {
        var file = Path.Combine(hub.DataDir, "demo", "history.json");
        var marker = await ReadAsync(file, ct);
        if (marker is null)
        {
            marker = new Marker(DateOnly.FromDateTime(time.GetUtcNow().ToVietnam().DateTime), 47, false, 0);
            await SaveAsync(file, marker, ct);
        }
        FirstStart = marker.FirstStart;
        if (marker.Completed)
        {
            log.LogInformation("Demo history already written on {FirstStart} ({Count} dossiers); not again", marker.FirstStart, marker.Dossiers);
            written = marker.Dossiers;
            return 0;
        }

        var catalogs = new Dictionary<DateOnly, (IReadOnlyList<Core.Procedures.Agency>, IReadOnlyList<Core.Procedures.Procedure>)>();
        foreach (var day in Enumerable.Range(1, options.HistoryDays + 1).Select(i => marker.FirstStart.AddDays(-i)))
            catalogs[day] = (await reference.GetAgenciesAsync(day, ct), await reference.GetProceduresAsync(day, ct));
        var plan = DemoHistoryPlan.Make(marker.FirstStart, marker.Seed, options.HistoryDossiers, options.HistoryDays,
            day => catalogs[day], dueDates.For);

        var created = 0;
        foreach (var planned in plan)
        {
            ct.ThrowIfCancellationRequested();
            var deadLetter = planned.DeadLetter ? OutboxMessages.Dossier(planned.Dossier.Code, planned.Dossier.VerticalSystem!) : null;
            var result = await dossiers.TryCreateAsync(planned.Dossier, deadLetter, new AuditRecord("demo-history", "dossier.submit"), ct);
            if (result.Outcome == CreateOutcome.Created)
            {
                created++;
                if (deadLetter is not null) await BuryAsync(planned.Dossier, ct);
            }
            var now = time.GetUtcNow();
            foreach (var e in planned.Events.Where(e => e.At <= now))
                await dossiers.AppendEventAsync(planned.Dossier.Code, e, StatusTransitions.IsAllowed, new AuditRecord("demo-history", "dossier.status", $"{(int)e.Status}"), ct: ct);
            Interlocked.Increment(ref written);
        }
        await SaveAsync(file, marker with { Completed = true, Dossiers = plan.Count }, ct);
        log.LogInformation("Demo history written: {Created} new dossiers of {Planned} planned since {From}", created, plan.Count, marker.FirstStart.AddDays(-options.HistoryDays));
        return created;
    }

    /// <summary>The attempts the hub would have made while the ministry was down, then the dead letter an admin can replay.</summary>
    private async Task BuryAsync(NewDossier dossier, CancellationToken ct)
    {
        var row = (await outbox.ListDeliveriesAsync(new DeliveryQuery(DossierCode: dossier.Code), ct)).Items.FirstOrDefault();
        if (row is null) return;
        const string error = "503: the trade system answered 503 Service Unavailable (simulated outage)";
        // Next attempts far ahead, so the dispatcher leaves the row alone until it is dead.
        for (var i = 0; i < 4; i++) await outbox.MarkFailedAsync(row.Id, error, ErrorClasses.Transient, time.GetUtcNow().AddDays(30), ct);
        await outbox.MarkDeadAsync(row.Id, error, ErrorClasses.Transient, ct);
    }

    private static async Task<Marker?> ReadAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file)) return null;
        try
        {
            await using var stream = File.OpenRead(file);
            return await JsonSerializer.DeserializeAsync<Marker>(stream, Json, ct);
        }
        catch (JsonException) { return null; }
    }

    private static async Task SaveAsync(string file, Marker marker, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(marker, Json), ct);
    }
}
