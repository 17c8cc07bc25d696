using Dapper;
using IntegrationHub.Core.Ports;
using IntegrationHub.Storage.Tests.Fixtures;

namespace IntegrationHub.Storage.Tests.Store;

/// <summary>
/// The admin delivery list must stay fast with 100,000 dead letters: each filter combination is answered newest
/// first from an index (0004), never by scanning and sorting the outbox. The timing itself is in benchmarks/.
/// </summary>
public sealed class DeliveryAdminIndexTests
{
    public static TheoryData<string, string> Filters()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in PostgresServer.AdminConnectionString is null ? new[] { StorageOptions.Sqlite } : [StorageOptions.Sqlite, StorageOptions.Postgres])
            foreach (var filter in new[] { "state", "system", "errorClass", "state+system", "state+errorClass", "state+system+errorClass" })
                data.Add(provider, filter);
        return data;
    }

    [Theory, MemberData(nameof(Filters))]
    public async Task First_page_of_a_filter_walks_an_index_newest_first(string provider, string filter)
    {
        await using var t = await TestStore.CreateAsync(provider);
        var query = new DeliveryQuery(
            State: filter.Contains("state") ? DeliveryState.Dead : null,
            VerticalSystem: filter.Contains("system") ? "justice" : null,
            ErrorClass: filter.Contains("errorClass") ? "validation" : null);
        var sql = $"SELECT id FROM outbox{HubStore.DeliveryWhere(query)} ORDER BY id DESC LIMIT 50";
        var args = new { state = "dead", system = "justice", errorClass = "validation" };

        await using var c = await t.Store.Dialect.OpenAsync(default);
        string plan;
        if (provider == StorageOptions.Sqlite)
            plan = string.Join("\n", (await c.QueryAsync("EXPLAIN QUERY PLAN " + sql, args)).Select(r => (string)r.detail));
        else
        {
            // An empty table makes a sequential scan the cheapest; the question is whether an index can serve it.
            await c.ExecuteAsync("SET enable_seqscan = off");
            plan = string.Join("\n", await c.QueryAsync<string>("EXPLAIN " + sql, args));
        }

        Assert.Contains("ix_outbox_", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);   // SQLite: no sort of the matches
        Assert.DoesNotContain("Sort", plan);          // PostgreSQL: same
    }

    [Fact]
    public void Only_the_given_filters_reach_the_sql()
    {
        Assert.Equal("", HubStore.DeliveryWhere(new DeliveryQuery()));
        Assert.Equal(" WHERE state = @state", HubStore.DeliveryWhere(new DeliveryQuery(State: DeliveryState.Dead)));
        Assert.Equal(" WHERE vertical_system = @system AND error_class = @errorClass",
            HubStore.DeliveryWhere(new DeliveryQuery(VerticalSystem: "trade", ErrorClass: "transient")));
    }
}
