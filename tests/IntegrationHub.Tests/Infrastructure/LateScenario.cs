using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Four dossiers of 000.00.25.H47 (procedure 2.002045, 3 working days), received Monday 30 Nov 2026 08:30, so due
/// Thursday 3 Dec 08:30; judged on Thursday 10 Dec 09:00 (the hub's clock is moved there):
/// <list type="bullet">
/// <item><see cref="Overdue"/>: a step held by Lê Văn An with its own deadline 1 Dec 17:00 that ran to 2 Dec 16:00, then Phạm Thị Hoa
/// apologised with a new date, 9 Dec 17:00; still open: 5 working days late (4, 7, 8, 9, 10 Dec);</item>
/// <item><see cref="Supplemented"/>: a supplement from 30 Nov 10:00 to 1 Dec 10:00 (one working day) moves its due date to
/// Fri 4 Dec 08:30; still open: 4 working days late;</item>
/// <item><see cref="ResolvedLate"/>: resolved Friday 4 Dec 10:00: 1 working day late;</item>
/// <item><see cref="OnTime"/>: resolved Tuesday 1 Dec: not late.</item>
/// </list>
/// Seeded once per hub.
/// </summary>
public sealed record LateScenario(string Overdue, string Supplemented, string ResolvedLate, string OnTime)
{
    public static readonly DateTimeOffset JudgedAt = new(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset DueAt = new(2026, 12, 3, 8, 30, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset SupplementedDueAt = new(2026, 12, 4, 8, 30, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset ApologyNewDueAt = new(2026, 12, 9, 17, 0, 0, TimeSpan.FromHours(7));
    public const string ProcedureNameStart = "Thông báo tạm ngừng kinh doanh";

    private static readonly ConditionalWeakTable<TestHub, Task<LateScenario>> Seeded = [];

    public static Task<LateScenario> SeedAsync(TestHub hub)
    {
        lock (Seeded) return Seeded.GetValue(hub, h => CreateAsync(h));
    }

    private static async Task<LateScenario> CreateAsync(TestHub hub)
    {
        var s = new LateScenario(Submissions.NextCode(), Submissions.NextCode(), Submissions.NextCode(), Submissions.NextCode());
        foreach (var code in new[] { s.Overdue, s.Supplemented, s.ResolvedLate, s.OnTime })
        {
            var created = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        var an = new JsonObject { ["name"] = "Lê Văn An", ["title"] = "Chuyên viên", ["unit"] = "Phòng Đăng ký kinh doanh" };
        await Event(hub, s.Overdue, new JsonObject { ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00", ["stepDueAt"] = "2026-12-01T17:00:00+07:00", ["official"] = an.DeepClone() });
        await Event(hub, s.Overdue, new JsonObject
        {
            ["status"] = 4, ["at"] = "2026-12-02T16:00:00+07:00", ["official"] = new JsonObject { ["name"] = "Phạm Thị Hoa", ["title"] = "Trưởng phòng" },
            ["apology"] = new JsonObject { ["reason"] = "Chờ xác minh thông tin", ["newDueAt"] = "2026-12-09T17:00:00+07:00" },
        });
        await Event(hub, s.Supplemented, new JsonObject { ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00", ["official"] = an.DeepClone() });
        await Event(hub, s.Supplemented, new JsonObject { ["status"] = 5, ["at"] = "2026-11-30T10:00:00+07:00", ["note"] = "Thiếu bản sao giấy tờ", ["official"] = an.DeepClone() });
        await Event(hub, s.Supplemented, new JsonObject { ["status"] = 4, ["at"] = "2026-12-01T10:00:00+07:00", ["official"] = an.DeepClone() });
        await Event(hub, s.ResolvedLate, new JsonObject { ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00", ["official"] = an.DeepClone() });
        await Event(hub, s.ResolvedLate, new JsonObject { ["status"] = 9, ["at"] = "2026-12-04T10:00:00+07:00", ["official"] = an.DeepClone() });
        await Event(hub, s.OnTime, new JsonObject { ["status"] = 2, ["at"] = "2026-11-30T09:00:00+07:00" });
        await Event(hub, s.OnTime, new JsonObject { ["status"] = 9, ["at"] = "2026-12-01T09:00:00+07:00" });
        if (hub.Time.GetUtcNow() < JudgedAt) hub.Time.SetUtcNow(JudgedAt);
        return s;
    }

    private static int events;

    private static async Task Event(TestHub hub, string code, JsonObject e)
    {
        e["eventId"] = $"LS-{Interlocked.Increment(ref events)}";
        var response = await hub.Client(TestHub.PlanningKey).PostJson($"/api/v1/dossiers/{code}/events", e);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
