using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace Chaos;

/// <summary>
/// A steady feed (R dossiers/s, in turn to the three ministries) for 1 minute, then one ministry down for M minutes,
/// then 2 minutes more after it is back: the intake latency of the other ministries' dossiers per phase (no thread or
/// connection starvation), the down system's circuit as the node reports it, and the time from recovery until every
/// dossier accepted before the recovery is delivered.
/// </summary>
public static class OutageRun
{
    private sealed record Sample(string Phase, bool DownSystem, double IntakeMs, DateTimeOffset AcceptedAt, string Code, string System);

    public static async Task<int> RunAsync(ChaosOptions o)
    {
        await using var simulators = await Ministries.StartAsync(o.Seed);
        using var hub = new HubNode("node-a", o, simulators, Path.Combine(o.Work, "node-a"));
        Ministries.CallBack(simulators, hub);
        var started = Stopwatch.GetTimestamp();
        await hub.StartAsync();
        CrashRun.Log(started, $"{hub.Name} on {hub.BaseAddress} ready ({o.Store}); feed {o.Rate}/s; {o.DownSystem} down for {o.Minutes} min after 1 min");

        var feed = new Feed(o.SignedPdf);
        var verdict = new Verdict(o, simulators, feed);
        var portal = new[] { hub.Client(HubNode.PortalKey) };
        using var admin = hub.Client(HubNode.AdminKey);
        var samples = new ConcurrentBag<Sample>();
        var phase = "before";
        using var stop = new CancellationTokenSource();
        var inFlight = new ConcurrentDictionary<int, Task>();

        // Open loop: a submission starts every 1/R s whatever the previous ones are doing, as a portal's users would.
        var feeder = Task.Run(async () =>
        {
            var interval = TimeSpan.FromSeconds(1 / o.Rate);
            var clock = Stopwatch.StartNew();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var due = interval * i;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                var index = i;
                var current = phase;
                inFlight[index] = Task.Run(async () =>
                {
                    var a = await feed.SubmitAsync(index, _ => hub, portal, _ => 0, TimeSpan.FromMinutes(2), CancellationToken.None);
                    if (a is not null) samples.Add(new Sample(current, a.System == o.DownSystem, a.LatencyMs, a.At, a.Code, a.System));
                    inFlight.TryRemove(index, out _);
                });
            }
        });

        var circuit = new ConcurrentDictionary<string, int>();
        var threads = new ConcurrentDictionary<string, int>();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var states = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/admin/deliveries/circuits")).RootElement;
                    var state = states.TryGetProperty(o.DownSystem, out var s) ? s.GetString()! : "Closed";
                    circuit.AddOrUpdate($"{phase}:{state}", 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { circuit.AddOrUpdate($"{phase}:unanswered", 1, (_, n) => n + 1); }
                threads.AddOrUpdate(phase, hub.Threads(), (_, n) => Math.Max(n, hub.Threads()));
                await Task.Delay(1000);
            }
        });

        await Task.Delay(TimeSpan.FromMinutes(1));
        phase = "during";
        var system = simulators.Runtime[o.DownSystem];
        var normal = system.Faults.Options;
        var down = normal.Clone();
        down.Down = true;
        system.Faults.Options = down;
        CrashRun.Log(started, $"{o.DownSystem} down (503 to every call)");
        await Task.Delay(TimeSpan.FromMinutes(o.Minutes));
        system.Faults.Options = normal;
        var recovered = DateTimeOffset.UtcNow;
        var recoveredAt = Stopwatch.GetTimestamp();
        phase = "after";
        CrashRun.Log(started, $"{o.DownSystem} back up");

        // Everything accepted before the recovery: when was the last of it delivered?
        var beforeRecovery = samples.Where(s => s.AcceptedAt <= recovered).ToList();
        var national = simulators.Runtime[SimulatedSystems.NationalPortal].Ledger;
        TimeSpan? backlogDelivered = null;
        var afterWatch = Stopwatch.StartNew();
        while (afterWatch.Elapsed < TimeSpan.FromMinutes(2) || backlogDelivered is null)
        {
            if (backlogDelivered is null && beforeRecovery.All(s => simulators.Runtime[s.System].Ledger.Contains($"{s.Code}:submit") && national.Contains($"{s.Code}:np-dossier-0")))
            {
                backlogDelivered = Stopwatch.GetElapsedTime(recoveredAt);
                CrashRun.Log(started, $"everything accepted before the recovery delivered {backlogDelivered.Value.TotalSeconds:F1} s after it");
            }
            if (afterWatch.Elapsed > o.DrainTimeout) break;
            await Task.Delay(250);
        }
        stop.Cancel();
        await feeder;
        await sampler;
        await Task.WhenAll(inFlight.Values);
        var (drained, took) = await verdict.WaitDrainedAsync(o.DrainTimeout, m => CrashRun.Log(started, m));
        hub.Kill();   // before the checks: `hub audit verify` reads the chain while nothing appends to it
        var f = await verdict.CheckAsync();

        foreach (var p in new[] { "before", "during", "after" })
            foreach (var downSystem in new[] { false, true })
            {
                var ms = samples.Where(s => s.Phase == p && s.DownSystem == downSystem).Select(s => s.IntakeMs).Order().ToList();
                if (ms.Count == 0) continue;
                CrashRun.Log(started, $"intake {p,-6} {(downSystem ? o.DownSystem : "others"),-8}: {ms.Count,6} dossiers, p50 {Pct(ms, 0.50):F1} ms, p99 {Pct(ms, 0.99):F1} ms, max {ms[^1]:F1} ms; " +
                    $"hub threads max {threads.GetValueOrDefault(p)}");
            }
        var receivedAt = SimulatedSystems.All.SelectMany(s => simulators.Runtime[s].Ledger.Messages).ToDictionary(m => m.IdempotencyKey, m => m.At);
        foreach (var p in new[] { "before", "during", "after" })
        {
            // Delivery lag of the other ministries' dossiers (201 read → received by the ministry): they must keep flowing.
            var lag = samples.Where(s => s.Phase == p && !s.DownSystem && receivedAt.ContainsKey($"{s.Code}:submit"))
                .Select(s => Math.Max(0, (receivedAt[$"{s.Code}:submit"] - s.AcceptedAt).TotalMilliseconds)).Order().ToList();
            if (lag.Count > 0) CrashRun.Log(started, $"delivery lag {p,-6} others: p50 {Pct(lag, 0.5):F0} ms, p99 {Pct(lag, 0.99):F0} ms");
        }
        CrashRun.Log(started, "circuit of " + o.DownSystem + " sampled each second (phase:state=count): " + string.Join(", ", circuit.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));
        var opened = File.ReadLines(hub.LogPath).Count(l => l.Contains($"Circuit of {o.DownSystem} opened", StringComparison.Ordinal));
        CrashRun.Log(started, $"log: 'Circuit of {o.DownSystem} opened' {opened} times; {CrashRun.ErrorLines([hub])} error lines");
        CrashRun.Log(started, "audit: " + f.AuditLine);
        var during = samples.Where(s => s.Phase == "during" && !s.DownSystem).Select(s => s.IntakeMs).Order().ToList();
        var before = samples.Where(s => s.Phase == "before" && !s.DownSystem).Select(s => s.IntakeMs).Order().ToList();
        var circuitOpened = circuit.Keys.Any(k => k == "during:Open") && opened > 0;
        var withinTwo = backlogDelivered is { } t && t <= TimeSpan.FromMinutes(2);
        Console.WriteLine($"RESULT outage store={o.Store} down={o.DownSystem} minutes={o.Minutes} rate={o.Rate}/s dossiers={f.Accepted} lost={f.Lost} " +
            $"duplicates={f.Duplicates} dead={f.Dead} circuit_opened={(circuitOpened ? "yes" : "NO")} " +
            $"others_p99_ms before={Pct(before, 0.99):F1} during={Pct(during, 0.99):F1} " +
            $"backlog_delivered_after_recovery_s={(backlogDelivered?.TotalSeconds.ToString("F1") ?? "never")} within_2_min={(withinTwo ? "yes" : "NO")} " +
            $"audit={(f.AuditOk ? "ok" : "FAILED")}");
        return f.Ok && drained && circuitOpened && withinTwo ? 0 : 1;
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
