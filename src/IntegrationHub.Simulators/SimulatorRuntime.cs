using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Progress;
using IntegrationHub.Simulators.Systems;

namespace IntegrationHub.Simulators;

/// <summary>The state of all simulated systems and the clock that moves their dossiers along.</summary>
public sealed class SimulatorRuntime : IAsyncDisposable
{
    private readonly Dictionary<string, SystemState> _systems = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITimer? _timer;
    private readonly HttpClient _push;

    public SimulatorRuntime(SimulatorOptions options, TimeProvider time, HttpClient? pushClient = null)
    {
        Options = options;
        Time = time;
        _push = pushClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var random = options.RandomSeed is int seed ? new Random(seed) : new Random();
        var step = options.StatusStepInterval;

        Add(SimulatedSystems.PlanningInvestment, random,
            new DossierProgress(PlanningInvestmentSimulator.Schedule, step, time, notifier: null));
        Add(SimulatedSystems.Justice, random, new DossierProgress(JusticeSimulator.Schedule, step, time,
            options.HubSoapUrl is null ? null : (c, ct) => HubNotifier.PushSoapAsync(_push, options, c, ct)));
        Add(SimulatedSystems.Trade, random, new DossierProgress(TradeSimulator.Schedule, step, time,
            options.HubEventsBaseUrl is null ? null : (c, ct) => HubNotifier.CallBackRestAsync(_push, options, c, ct)));
        Add(SimulatedSystems.NationalPortal, random, new DossierProgress(["SYNCED"], step, time, notifier: null));

        if (options.TickInterval > TimeSpan.Zero)
            _timer = time.CreateTimer(_ => _ = SafeAdvanceAsync(), null, options.TickInterval, options.TickInterval);
    }

    public SimulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public SystemState this[string system] => _systems[system];
    public IEnumerable<SystemState> Systems => _systems.Values;
    public bool Knows(string system) => _systems.ContainsKey(system);

    /// <summary>One clock tick for every system (also what the timer does).</summary>
    public async Task AdvanceAsync(CancellationToken ct = default)
    {
        foreach (var s in _systems.Values) await s.Progress.AdvanceAsync(ct);
    }

    private async Task SafeAdvanceAsync()
    {
        try { await AdvanceAsync(); }
        catch (Exception) { /* a simulator tick must never take the process down; the next tick retries */ }
    }

    private void Add(string name, Random random, DossierProgress progress) =>
        _systems[name] = new SystemState(name, new FaultInjector(Options.FaultsFor(name), Time, new Random(random.Next())), progress);

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null) await _timer.DisposeAsync();
        _push.Dispose();
    }
}
