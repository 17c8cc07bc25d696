using System.Data.Common;
using Dapper;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;
using IntegrationHub.Core.Procedures;
using IntegrationHub.Storage.Rows;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public sealed partial class HubStore
{
    public async Task<AppendResult> AppendEventAsync(
        string code, NewStatusEvent statusEvent, Func<DossierStatus?, DossierStatus, bool> isAllowed, AuditRecord audit,
        OutboxMessage? outbox = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(statusEvent);
        ArgumentNullException.ThrowIfNull(isAllowed);
        var now = _time.GetUtcNow();
        var (outcome, previous) = await WriteAsync(async (c, tx) =>
        {
            // Locks the dossier row (PostgreSQL) so the state-machine decision and the write see the same state.
            var row = await c.QuerySingleOrDefaultAsync<DossierRow>(Cmd(
                $"SELECT {DossierColumns} FROM dossiers WHERE code = @code{Dialect.ForUpdate}", new { code }, tx, ct));
            if (row is null) return (AppendOutcome.NotFound, (DossierStatus?)null);
            var from = (DossierStatus)row.Status;
            var seen = await c.ExecuteScalarAsync<long>(Cmd(
                "SELECT COUNT(*) FROM status_events WHERE dossier_code = @code AND event_id = @EventId", new { code, statusEvent.EventId }, tx, ct));
            if (seen > 0) return (AppendOutcome.Duplicate, from);
            if (!isAllowed(from, statusEvent.Status)) return (AppendOutcome.Forbidden, from);

            var hours = await OfficeHoursAsync(c, tx, row.AgencyCode, statusEvent.At, ct);
            var before = new DossierTimes(Instants.ParseOrNull(row.EffectiveDueAt), Instants.ParseOrNull(row.EndedAt),
                row.EndStatus is { } s ? (DossierStatus)s : null, (int)row.SupplementCount, Instants.ParseOrNull(row.PausedSince));
            var times = DossierProgress.Apply(before, statusEvent.Status, statusEvent.At, hours, _workingTime);
            var dueAt = statusEvent.Apology?.NewDueAt ?? Instants.ParseOrNull(row.DueAt);
            var (receivedAt, originalDue) = (Instants.Parse(row.ReceivedAt), Instants.ParseOrNull(row.OriginalDueAt));
            var result = statusEvent.Result is null ? null : await StoreDocumentContentAsync(c, tx, statusEvent.Result, now, ct);

            await InsertEventAsync(c, tx, code, statusEvent, result, now, ct);
            var head = await LockAuditHeadAsync(c, tx, ct);
            await StatsDays.RemoveAsync(c, tx, code, ct);
            await c.ExecuteAsync(Cmd(
                "UPDATE dossiers SET status = @Status, due_at = @DueAt, effective_due_at = @EffectiveDueAt, effective_due_ms = @EffectiveDueMs, " +
                "early_before_ms = @EarlyBeforeMs, end_outcome = @EndOutcome, overdue_from_ms = @OverdueFromMs, ended_at = @EndedAt, ended_ms = @EndedMs, end_status = @EndStatus, supplement_count = @SupplementCount, " +
                "paused_since = @PausedSince, paused_since_ms = @PausedSinceMs, official_name = COALESCE(@OfficialName, official_name), " +
                "official_title = CASE WHEN @OfficialName IS NULL THEN official_title ELSE @OfficialTitle END, " +
                "official_unit = CASE WHEN @OfficialName IS NULL THEN official_unit ELSE @OfficialUnit END, updated_at = @Now WHERE code = @Code",
                new
                {
                    Code = code, Status = (long)statusEvent.Status, DueAt = Instants.ToText(dueAt),
                    EffectiveDueAt = Instants.ToText(times.EffectiveDueAt), EffectiveDueMs = Instants.ToMs(times.EffectiveDueAt),
                    EarlyBeforeMs = StatsColumns.EarlyBeforeMs(times.EffectiveDueAt),
                    EndOutcome = StatsColumns.EndOutcome(receivedAt, originalDue, times), OverdueFromMs = StatsColumns.OverdueFromMs(receivedAt, times),
                    EndedAt = Instants.ToText(times.EndedAt), EndedMs = Instants.ToMs(times.EndedAt), EndStatus = (long?)times.EndStatus,
                    SupplementCount = (long)times.SupplementCount,
                    PausedSince = Instants.ToText(times.PausedSince), PausedSinceMs = Instants.ToMs(times.PausedSince),
                    OfficialName = statusEvent.Official?.Name, OfficialTitle = statusEvent.Official?.Title, OfficialUnit = statusEvent.Official?.Unit,
                    Now = Instants.ToText(now),
                }, tx, ct));
            await StatsDays.AddAsync(c, tx, code, ct);
            if (outbox is not null) await InsertOutboxAsync(c, tx, code, outbox, now, ct);
            await AppendAuditAsync(c, tx, audit, code, ct, head);
            return (AppendOutcome.Appended, from);
        }, ct);
        var dossier = outcome == AppendOutcome.NotFound ? null : await GetAsync(code, ct);
        return new AppendResult(outcome, dossier, previous);
    }

    private static async Task InsertEventAsync(DbConnection c, DbTransaction tx, string code, NewStatusEvent e, DossierDocument? result, DateTimeOffset now, CancellationToken ct)
    {
        var seq = await c.ExecuteScalarAsync<long>(Cmd(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM status_events WHERE dossier_code = @code", new { code }, tx, ct));
        await c.ExecuteAsync(Cmd(
            "INSERT INTO status_events (dossier_code, seq, event_id, status, system_status, at, at_ms, official_name, official_title, official_unit, " +
            "note, step_due_at, apology_reason, apology_new_due_at, result, recorded_at) VALUES (@code, @seq, @EventId, @Status, @SystemStatus, @At, @AtMs, " +
            "@OfficialName, @OfficialTitle, @OfficialUnit, @Note, @StepDueAt, @ApologyReason, @ApologyNewDueAt, @Result, @RecordedAt)",
            new
            {
                code, seq, e.EventId, Status = (long)e.Status, e.SystemStatus, At = Instants.ToText(e.At), AtMs = Instants.ToMs(e.At),
                OfficialName = e.Official?.Name, OfficialTitle = e.Official?.Title, OfficialUnit = e.Official?.Unit, e.Note,
                StepDueAt = Instants.ToText(e.StepDueAt), ApologyReason = e.Apology?.Reason, ApologyNewDueAt = Instants.ToText(e.Apology?.NewDueAt),
                Result = result is null ? null : Json.Write(result), RecordedAt = Instants.ToText(now),
            }, tx, ct));
    }

    /// <summary>The agency's office hours on the event's date; the national default when the agency is unknown.</summary>
    private async Task<OfficeHours> OfficeHoursAsync(DbConnection c, DbTransaction tx, string agencyCode, DateTimeOffset at, CancellationToken ct)
    {
        var agency = await FindAgencyAsync(c, tx, agencyCode, DateOnly.FromDateTime(at.ToOffset(Instants.Vietnam).DateTime), ct);
        return agency?.OfficeHours ?? OfficeHours.Default;
    }

    private static async Task<Agency?> FindAgencyAsync(DbConnection c, DbTransaction? tx, string code, DateOnly asOf, CancellationToken ct)
    {
        var data = await c.QueryFirstOrDefaultAsync<string>(Cmd(
            "SELECT data FROM agencies WHERE code = @code AND effective_from <= @asOf AND (effective_to IS NULL OR effective_to > @asOf) ORDER BY effective_from DESC",
            new { code, asOf = Instants.ToText(asOf) }, tx, ct));
        return data is null ? null : Json.Read<Agency>(data);
    }
}
