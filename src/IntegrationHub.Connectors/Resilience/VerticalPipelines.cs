using System.Collections.Concurrent;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace IntegrationHub.Connectors.Resilience;

/// <summary>
/// One Polly pipeline per vertical system, built once from Verticals:&lt;system&gt;: quick retries with jittered
/// exponential backoff (transient faults only), then a circuit breaker, then a per-attempt timeout; all on
/// the injected TimeProvider. The breaker's state is observable and controllable for the admin API.
/// </summary>
public sealed class VerticalPipelines(IOptionsMonitor<VerticalOptions> options, TimeProvider time, ILogger<VerticalPipelines>? logger = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _log = logger ?? NullLogger<VerticalPipelines>.Instance;

    public ResiliencePipeline For(string system) => Get(system).Pipeline;

    public CircuitState StateOf(string system) => Get(system).State.CircuitState;

    /// <summary>Every system's circuit, for the admin API.</summary>
    public IReadOnlyDictionary<string, CircuitState> States() =>
        VerticalSystems.All.ToDictionary(s => s, StateOf, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of the pipelines built since start (systems, and others such as the signature services' circuits).</summary>
    public IReadOnlyList<string> Built() => _entries.Keys.ToList();

    /// <summary>Holds the circuit open by hand (maintenance window) until <see cref="CloseAsync"/>.</summary>
    public Task IsolateAsync(string system) => Get(system).Control.IsolateAsync();

    public Task CloseAsync(string system) => Get(system).Control.CloseAsync();

    /// <summary>A transient result or a network/timeout exception: worth retrying and counted by the breaker.</summary>
    public static bool IsTransient(Outcome<object> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: IClassifiedResult r } => r.FailureClass == FailureClass.Transient,
        _ => false,
    };

    private Entry Get(string system) =>
        _entries.GetOrAdd(system, s => new Lazy<Entry>(() => Build(s))).Value;

    private Entry Build(string system)
    {
        var o = options.Get(system);
        var state = new CircuitBreakerStateProvider();
        var control = new CircuitBreakerManualControl();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = system };
        if (o.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxRetryAttempts,
                Delay = o.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }
        var pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = Math.Max(2, o.BreakerMinimumThroughput),
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakDuration,
                StateProvider = state,
                ManualControl = control,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnOpened = args => { _log.LogWarning("Circuit of {System} opened for {Duration}", system, args.BreakDuration); return default; },
                OnClosed = _ => { _log.LogInformation("Circuit of {System} closed", system); return default; },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = o.AttemptTimeout })
            .Build();
        return new Entry(pipeline, state, control);
    }

    private sealed record Entry(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State, CircuitBreakerManualControl Control);
}
