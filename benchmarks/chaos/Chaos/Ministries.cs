using IntegrationHub.Simulators;
using IntegrationHub.Simulators.Faults;

namespace Chaos;

/// <summary>The four simulated systems on their own Kestrel in this process: killing a hub does not touch what they received.</summary>
public static class Ministries
{
    /// <summary>
    /// Ministries that answer after a little latency (so a kill finds calls in flight) and move each dossier one
    /// status step every 3 s, calling the hub back (trade by REST, justice by SOAP; planning-investment is pulled).
    /// </summary>
    public static async Task<SimulatorHost> StartAsync(int seed)
    {
        var options = new SimulatorOptions
        {
            TickInterval = TimeSpan.FromSeconds(1),
            StatusStepInterval = TimeSpan.FromSeconds(3),
            RandomSeed = seed,
            // Set for real once the hub's port is known (the runtime reads them at each call); non-null now so the
            // pushing systems are built with their notifiers.
            HubEventsBaseUrl = "http://127.0.0.1:9",
            HubSoapUrl = "http://127.0.0.1:9/soap/DossierSync",
        };
        options.HubApiKeys[SimulatedSystems.Trade] = HubNode.TradeKey;
        options.HubApiKeys[SimulatedSystems.Justice] = HubNode.JusticeKey;
        foreach (var system in SimulatedSystems.All) options.Faults[system] = new FaultOptions { Latency = TimeSpan.FromMilliseconds(10) };
        return await SimulatorHost.StartAsync(options);
    }

    /// <summary>Status callbacks go to this node (the portal's load balancer would pick one).</summary>
    public static void CallBack(SimulatorHost simulators, HubNode node)
    {
        simulators.Runtime.Options.HubEventsBaseUrl = node.BaseAddress.ToString().TrimEnd('/');
        simulators.Runtime.Options.HubSoapUrl = node.BaseAddress + "soap/DossierSync";
    }

    public static (long Pushed, long Failures) Pushes(SimulatorHost simulators) =>
        (simulators.Runtime.Systems.Sum(s => s.Progress.Pushed), simulators.Runtime.Systems.Sum(s => s.Progress.PushFailures));
}
