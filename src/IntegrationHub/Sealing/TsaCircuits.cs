using System.Collections.Concurrent;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Sealing;

/// <summary>
/// One Polly pipeline per time-stamping authority (by host and port), built once from Sealing:Circuit: a circuit breaker
/// over a per-attempt timeout, on the injected TimeProvider. The seal route and the retry job share it, so a TSA that
/// is down is asked once per break, not once per request.
/// </summary>
public sealed class TsaCircuits(IOptions<SealingOptions> options, TimeProvider time, ILogger<TsaCircuits> log)
{
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The circuit's name for a TSA URL: "tsa@host:port".</summary>
    public static string NameOf(Uri tsa) => "tsa@" + tsa.Authority;

    public CircuitState StateOf(Uri tsa) => Get(NameOf(tsa)).State.CircuitState;

    /// <summary>Every TSA circuit used since start, for the admin API.</summary>
    public IReadOnlyDictionary<string, string> States() =>
        _entries.ToDictionary(e => e.Key, e => e.Value.Value.State.CircuitState.ToString());

    /// <summary>A timestamp client that asks <paramref name="inner"/> through the TSA's circuit.</summary>
    public ITimestampClient Guard(Uri tsa, ITimestampClient inner) => new GuardedTimestampClient(inner, Get(NameOf(tsa)).Pipeline, tsa);

    private Entry Get(string name) => _entries.GetOrAdd(name, n => new Lazy<Entry>(() => Build(n))).Value;

    private Entry Build(string name)
    {
        var o = options.Value.Circuit;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time, Name = name }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = o.FailureRatio,
                MinimumThroughput = Math.Max(2, o.MinimumThroughput),
                SamplingDuration = o.SamplingDuration,
                BreakDuration = o.BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && IsTsaFailure(args.Outcome.Exception, args.Context.CancellationToken)),
                OnOpened = args => { log.LogWarning("Circuit {Circuit} opened for {Duration}", name, args.BreakDuration); return default; },
                OnClosed = _ => { log.LogInformation("Circuit {Circuit} closed", name); return default; },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = o.AttemptTimeout })
            .Build();
        return new Entry(pipeline, state);
    }

    /// <summary>What counts as "the TSA did not answer": no connection, an HTTP error, a timeout, an answer that is no valid token.</summary>
    internal static bool IsTsaFailure(Exception e, CancellationToken requestAborted) => e switch
    {
        HttpRequestException or TimeoutRejectedException or CryptographicException => true,
        // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ => false,
    };

    private sealed record Entry(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State);

    private sealed class GuardedTimestampClient(ITimestampClient inner, ResiliencePipeline pipeline, Uri tsa) : ITimestampClient
    {
        public async Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
        {
            try
            {
                return await pipeline.ExecuteAsync(async ct => await inner.GetTokenAsync(data, digestAlgorithm, ct), cancellationToken);
            }
            catch (BrokenCircuitException)
            {
                throw new TimestampUnavailableException(tsa, $"the circuit {NameOf(tsa)} is open after repeated failures", circuitOpen: true);
            }
            catch (Exception e) when (IsTsaFailure(e, cancellationToken))
            {
                throw new TimestampUnavailableException(tsa, e.Message, circuitOpen: false);
            }
        }
    }
}

/// <summary>The time-stamping authority did not answer (or its circuit is open): the seal is held, not failed.</summary>
public sealed class TimestampUnavailableException(Uri tsa, string reason, bool circuitOpen)
    : Exception($"The time-stamping authority {tsa} did not answer: {reason}")
{
    public bool CircuitOpen { get; } = circuitOpen;
}
