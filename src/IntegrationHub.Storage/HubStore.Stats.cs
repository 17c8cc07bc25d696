using Dapper;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Rows;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

public sealed partial class HubStore
{
    public async Task<IReadOnlyList<StatsGroup>> GetStatsAsync(StatsQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To < query.From) return [];
        var fromMs = Instants.ToMs(Instants.StartOfVietnamDay(query.From));
        var asOfMs = Instants.ToMs(Instants.StartOfVietnamDay(query.To.AddDays(1)));
        var byAgency = query.AgencyCode is not null;
        await using var c = await Dialect.OpenAsync(ct);
        var maxLag = await c.ExecuteScalarAsync<long?>(Cmd(StatsSql.MaxSettleLag, null, null, ct)) ?? 0;
        var span = StatsSql.Split(VietnamDay(fromMs), VietnamDay(asOfMs));
        var args = new
        {
            dim = StatsSql.Dimension(query.GroupBy), fromMs, asOfMs, fromDay = span.FromDay, headEnd = span.HeadEnd, fromMonth = span.FromMonth,
            toMonth = span.ToMonth, tailStart = span.TailStart, asOfDay = span.AsOfDay,
            lo = Math.Max(fromMs, asOfMs - Math.Max(maxLag, 0)), agency = query.AgencyCode,
        };
        var rows = new Dictionary<string, StatsRow>(StringComparer.Ordinal);
        foreach (var (key, bucket, n) in await c.QueryAsync<(string Key, long Bucket, long N)>(Cmd(StatsSql.Counts(byAgency), args, null, ct)))
        {
            var row = Row(rows, key);
            row.Received += n;
            Count(row, bucket, n);
        }
        // Dossiers still moving at the period's end: out of their final bucket, into the one they had then.
        foreach (var (key, final, bucket, n) in await c.QueryAsync<(string Key, long Final, long? Bucket, long N)>(
            Cmd(StatsSql.Unsettled(query.GroupBy, byAgency), args, null, ct)))
        {
            var row = Row(rows, key);
            Count(row, final, -n);
            Count(row, bucket ?? StatsDays.NotJudged, n);
        }
        var names = await GroupNamesAsync(c, query, rows.Keys, ct);
        return rows.Values
            .Where(r => r.Received > 0)
            .Select(r => new StatsGroup(r.GroupKey ?? "", names.GetValueOrDefault(r.GroupKey ?? ""), r.Received, r.ResolvedEarly, r.ResolvedOnTime,
                r.ResolvedLate, r.InProgressOnTime, r.InProgressOverdue,
                r.Received == 0 ? 0 : Math.Round((double)(r.ResolvedEarly + r.ResolvedOnTime + r.InProgressOnTime) / r.Received, 4)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Same day numbering as <see cref="StatsDays.Day"/>.</summary>
    private static long VietnamDay(long ms) => (ms + 25_200_000) / 86_400_000;

    private static StatsRow Row(Dictionary<string, StatsRow> rows, string key)
    {
        if (!rows.TryGetValue(key, out var row)) rows[key] = row = new StatsRow { GroupKey = key };
        return row;
    }

    private static void Count(StatsRow row, long bucket, long n)
    {
        switch (bucket)
        {
            case StatsColumns.Early: row.ResolvedEarly += n; break;
            case StatsColumns.OnTime: row.ResolvedOnTime += n; break;
            case StatsColumns.Late: row.ResolvedLate += n; break;
            case StatsSql.InProgressOnTime: row.InProgressOnTime += n; break;
            case StatsSql.InProgressOverdue: row.InProgressOverdue += n; break;
        }
    }

    /// <summary>Display names: the agency's or procedure's name, or the official's title and unit.</summary>
    private async Task<Dictionary<string, string?>> GroupNamesAsync(System.Data.Common.DbConnection c, StatsQuery query, IEnumerable<string?> keys, CancellationToken ct)
    {
        var asOf = Instants.ToText(query.To);
        var wanted = keys.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var sql = query.GroupBy switch
        {
            StatsGroupBy.Agency => "SELECT code AS k, name AS n FROM agencies WHERE effective_from <= @asOf ORDER BY effective_from",
            StatsGroupBy.Procedure => "SELECT code AS k, name AS n FROM procedures WHERE effective_from <= @asOf ORDER BY effective_from",
            _ => null,
        };
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (sql is null) return names;
        // Later effective rows overwrite earlier ones: the name in force at the period's end wins.
        foreach (var (k, n) in await c.QueryAsync<(string K, string N)>(Cmd(sql, new { asOf }, null, ct)))
            if (wanted.Contains(k)) names[k] = n;
        return names;
    }

    public async Task<IReadOnlyList<LateDossier>> GetLateReportAsync(string agencyCode, DateTimeOffset asOf, int limit = 500, CancellationToken ct = default)
    {
        var asOfMs = Instants.ToMs(asOf);
        await using var c = await Dialect.OpenAsync(ct);
        var codes = (await c.QueryAsync<string>(Cmd(
            $"SELECT code FROM dossiers WHERE agency_code = @agencyCode AND {StatsSql.LateOrOverdue} ORDER BY {LatenessMs} DESC, code LIMIT @limit",
            new { agencyCode, asOfMs, limit = (long)Math.Clamp(limit, 1, 5000) }, null, ct))).ToList();
        if (codes.Count == 0) return [];
        // Two queries for the whole page, not three per dossier: the rows and their events (documents are not needed).
        // The IN list is spelled out (@c0, @c1, ...): Dapper expands lists for SQLite but hands Npgsql an array.
        var args = new DynamicParameters();
        for (var i = 0; i < codes.Count; i++) args.Add("c" + i, codes[i]);
        var inList = "(" + string.Join(", ", codes.Select((_, i) => "@c" + i)) + ")";
        var rows = (await c.QueryAsync<DossierRow>(Cmd($"SELECT {DossierColumns} FROM dossiers WHERE code IN {inList}", args, null, ct)))
            .ToDictionary(r => r.Code, StringComparer.Ordinal);
        var events = (await c.QueryAsync<EventRow>(Cmd(
                $"SELECT * FROM status_events WHERE dossier_code IN {inList} ORDER BY dossier_code, seq", args, null, ct)))
            .ToLookup(e => e.DossierCode, StringComparer.Ordinal);
        return codes.Where(rows.ContainsKey)
            .Select(code => ToLateDossier(ToDossier(rows[code], [], events[code].Select(ToEvent).ToList()), asOf))
            .ToList();
    }

    /// <summary>How long past its effective due date a dossier ended (or, open, is as of @asOfMs): the most late come first, so the
    /// limit drops the least late.</summary>
    private const string LatenessMs =
        "((CASE WHEN ended_ms <= @asOfMs THEN ended_ms ELSE @asOfMs END) - COALESCE(effective_due_ms, received_ms))";

    private static LateDossier ToLateDossier(Dossier d, DateTimeOffset asOf)
    {
        var ended = d.Times.EndedAt is { } e && e <= asOf;
        var official = d.History.LastOrDefault(h => h.Official is not null)?.Official;
        var apology = d.History.LastOrDefault(h => h.Apology is not null)?.Apology;
        return new LateDossier(d.Code, d.ProcedureCode, d.Status, d.ReceivedAt, d.OriginalDueAt, d.Times.EffectiveDueAt,
            ended ? d.Times.EndedAt : null, !ended, d.Times.SupplementCount, official, OverrunStep(d.History, asOf), apology);
    }

    /// <summary>The first step whose own deadline passed before the next step began (or before <paramref name="asOf"/> for the last one).</summary>
    internal static StatusEvent? OverrunStep(IReadOnlyList<StatusEvent> history, DateTimeOffset asOf)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].StepDueAt is not { } stepDue) continue;
            var finishedAt = i + 1 < history.Count ? history[i + 1].At : asOf;
            if (finishedAt > stepDue) return history[i];
        }
        return null;
    }
}
