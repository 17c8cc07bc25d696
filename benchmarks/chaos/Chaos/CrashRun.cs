using System.Diagnostics;
using IntegrationHub.Simulators;

namespace Chaos;

/// <summary>
/// N dossiers through real `hub serve` processes while one of them is killed with SIGKILL K times at random moments
/// (1–8 s apart: during intake and its group commit, dispatch, delivery calls and status callbacks) and started
/// again; then, after the outbox drained, nothing answered 201/200 may be lost.
/// </summary>
public static class CrashRun
{
    public static async Task<int> RunAsync(ChaosOptions o)
    {
        await using var simulators = await Ministries.StartAsync(o.Seed);
        using var a = new HubNode("node-a", o, simulators, Path.Combine(o.Work, "node-a"));
        using var b = o.Nodes == 2 ? new HubNode("node-b", o, simulators, Path.Combine(o.Work, "node-b")) : null;
        HubNode[] nodes = b is null ? [a] : [a, b];
        var victim = b ?? a;
        Ministries.CallBack(simulators, a);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(nodes.Select(n => n.StartAsync()));
        Log(started, $"{string.Join(", ", nodes.Select(n => $"{n.Name} on {n.BaseAddress}"))} ready ({o.Store}); simulators on {simulators.BaseUrl}");

        var feed = new Feed(o.SignedPdf);
        var verdict = new Verdict(o, simulators, feed);
        var clients = nodes.Select(n => n.Client(HubNode.PortalKey)).ToArray();
        using var stopFeed = new CancellationTokenSource();
        var next = -1;
        var feedDone = false;
        var load = Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < o.Dossiers)
                // Two nodes: alternate by dossier, and on a failed attempt try the other node (a client that fails over).
                await feed.SubmitAsync(i, attempt => nodes.Length == 1 ? a : nodes[(i + attempt) % 2].IsRunning ? nodes[(i + attempt) % 2] : a,
                    clients, n => Array.IndexOf(nodes, n), TimeSpan.FromMinutes(10), stopFeed.Token);
        }))).ContinueWith(_ => feedDone = true);

        var random = new Random(o.Seed);
        var kills = new List<string>();
        for (var k = 1; k <= o.Kills; k++)
        {
            await Task.Delay(TimeSpan.FromSeconds(o.MinGap + random.NextDouble() * (o.MaxGap - o.MinGap)));
            var (pending, _) = verdict.Undelivered();
            var (pushed, pushFailures) = Ministries.Pushes(simulators);
            var phase = $"{(feedDone ? "" : "intake ")}{(pending > 0 ? "delivery " : "")}callbacks";
            victim.Kill();
            var line = $"kill -9 {k}/{o.Kills} of {victim.Name} [{phase}]: accepted {feed.Accepted.Count}, outbox undelivered {pending}, " +
                       $"ministries received {SimulatedSystems.All.Sum(s => simulators.Runtime[s].Ledger.Count)}, status pushes {pushed} ({pushFailures} failed)";
            kills.Add(line);
            Log(started, line);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1000)));   // down a moment: submissions and callbacks fail
            await victim.StartAsync();
        }
        await load;
        Log(started, $"feed done: {feed.Accepted.Count} accepted of {o.Dossiers}, {feed.Retries} retried requests, {feed.Refused.Count} refused");
        var (drained, took) = await verdict.WaitDrainedAsync(o.DrainTimeout, m => Log(started, m));
        Log(started, drained ? $"outbox drained {took.TotalSeconds:F0} s after the feed and the last restart" : $"NOT drained after {took.TotalSeconds:F0} s");

        // Stopped (kill -9 once more) before the checks: `hub audit verify` reads the chain while nothing appends to it.
        foreach (var n in nodes) n.Kill();
        var f = await verdict.CheckAsync();
        var (pushesOk, pushesFailed) = Ministries.Pushes(simulators);
        var byNode = verdict.DeliveredBy();
        foreach (var r in feed.Refused.Take(5)) Log(started, "refused " + r);
        Log(started, $"store: {f.Stored} dossiers ({f.StoredWithoutAnswer} stored whose answer was lost and not retried to the end), {f.MissingInStore} accepted but missing, " +
                     $"{f.OutboxRowsTwice} outbox rows twice, {f.Undelivered} undelivered, {f.Dead} dead; delivered by {string.Join(", ", byNode.Select(p => $"{p.Key} {p.Value}"))}");
        foreach (var s in SimulatedSystems.All)
        {
            var st = simulators.Runtime[s].Stats();
            Log(started, $"{s}: received {st.Received} keys, {st.Duplicates} repeated keys dropped, {st.Requests} requests, {st.StatusPushes} status pushes ({st.StatusPushFailures} failed)");
        }
        Log(started, "audit: " + f.AuditLine);
        var summary = $"RESULT crash store={o.Store} nodes={o.Nodes} dossiers={f.Accepted} (201: {f.Answered201}, 200: {f.Answered200}) kills={kills.Count} " +
                      $"starts={nodes.Sum(n => n.Starts)} lost={f.Lost} missing_in_store={f.MissingInStore} duplicates={f.Duplicates} unexpected={f.Unexpected} " +
                      $"undelivered={f.Undelivered} dead={f.Dead} audit={(f.AuditOk ? "ok" : "FAILED")} status_pushes={pushesOk} drain_s={took.TotalSeconds:F0} " +
                      $"total_s={Stopwatch.GetElapsedTime(started).TotalSeconds:F0} errors_in_log={ErrorLines(nodes)}";
        Console.WriteLine(summary);
        File.WriteAllLines(Path.Combine(o.Work, "kills.txt"), kills);
        return f.Ok && drained && feed.Refused.IsEmpty ? 0 : 1;
    }

    public static int ErrorLines(IEnumerable<HubNode> nodes) =>
        nodes.Sum(n => File.ReadLines(n.LogPath).Count(l => l.Contains(" ERR] ", StringComparison.Ordinal) || l.Contains(" FTL] ", StringComparison.Ordinal)));

    public static void Log(long started, string message) =>
        Console.WriteLine($"[{Stopwatch.GetElapsedTime(started).TotalSeconds,7:F1} s] {message}");
}
