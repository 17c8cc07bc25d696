using System.Collections.Concurrent;
using IntegrationHub.Simulators;

namespace IntegrationHub.Tests.Processes;

/// <summary>
/// Nothing accepted is lost when the hub dies at any point: the real hub process is killed with SIGKILL several
/// times while dossiers come in and deliveries go out, then started again; in the end every dossier the hub
/// accepted (201 or 200) has reached its ministry and the national portal, each under its one idempotency key.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Every_accepted_dossier_is_delivered_once_by_key_after_kill_9_during_intake_and_delivery()
    {
        await using var hub = await HubProcess.CreateAsync();
        var accepted = new ConcurrentBag<string>();
        var sent = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        await hub.StartAsync();
        var load = Task.Run(() => SubmitUntilAsync(hub, accepted, sent, stop.Token));
        var ministry = hub.Simulators[SimulatedSystems.PlanningInvestment].Ledger;
        for (var kill = 0; kill < 3; kill++)
        {
            // Kill once this life of the process has both taken dossiers in and delivered some.
            var (acceptedBefore, deliveredBefore) = (accepted.Count, ministry.Count);
            await WaitUntilAsync(() => accepted.Count >= acceptedBefore + 5 && ministry.Count > deliveredBefore, TimeSpan.FromSeconds(30), () => State(hub, accepted));
            hub.Kill();
            await Task.Delay(200);   // submissions fail while it is down: those are not accepted
            await hub.StartAsync();
        }
        await WaitUntilAsync(() => accepted.Count >= 10, TimeSpan.FromSeconds(30), () => State(hub, accepted));
        stop.Cancel();
        await load;

        var national = hub.Simulators[SimulatedSystems.NationalPortal].Ledger;
        await WaitUntilAsync(() => accepted.All(c => ministry.Contains($"{c}:submit") && national.Contains($"{c}:np-dossier-0")), TimeSpan.FromSeconds(60), () => State(hub, accepted));

        // One message per dossier; a key sent again (at-least-once after a kill) is counted by the ministry as a
        // duplicate and dropped, never taken as a second dossier.
        var keys = ministry.Messages.Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Select(k => k[..k.LastIndexOf(':')]).Distinct().Count());
        Assert.All(keys, k => Assert.EndsWith(":submit", k));
        Assert.All(accepted, c => Assert.Contains($"{c}:submit", keys));
        // Anything else the ministry got was sent by us (a submission committed just before a kill, its answer lost).
        Assert.All(keys, k => Assert.Contains(k[..k.LastIndexOf(':')], sent));
        Assert.Equal(4, hub.Starts);
        Assert.True(accepted.Count >= 20, $"only {accepted.Count} accepted");
    }

    private static string? lastRefusal;

    private static string State(HubProcess hub, ConcurrentBag<string> accepted) =>
        $"last refusal {lastRefusal}; accepted {accepted.Count}, ministry {hub.Simulators[SimulatedSystems.PlanningInvestment].Ledger.Count}, " +
        $"national {hub.Simulators[SimulatedSystems.NationalPortal].Ledger.Count}, starts {hub.Starts}; hub printed:\n{hub.OutputTail()}";

    private static async Task SubmitUntilAsync(HubProcess hub, ConcurrentBag<string> accepted, ConcurrentBag<string> sent, CancellationToken stop)
    {
        using var http = hub.Client(HubProcess.PortalKey);
        while (!stop.IsCancellationRequested)
        {
            var code = Submissions.NextCode();
            sent.Add(code);
            try
            {
                // The process runs on the real clock: received a minute ago, not at the fake clock's time.
                var body = Submissions.Valid(code);
                body["receivedAt"] = TimeProvider.System.GetUtcNow().AddMinutes(-1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
                var response = await http.Submit(body);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) accepted.Add(code);
                else lastRefusal = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}";
            }
            catch (HttpRequestException) { await Task.Delay(50); }   // the hub is down: not accepted
            catch (TaskCanceledException) { }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan guard, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + guard;   // a guard against hanging, not a timing assertion
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(describe());
            await Task.Delay(50);
        }
    }
}
