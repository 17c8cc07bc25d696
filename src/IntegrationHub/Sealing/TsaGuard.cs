using System.Security.Cryptography;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Sealing;

/// <summary>
/// A timestamp client asked through its TSA's circuit in <see cref="ServiceCircuits"/> ("timestamp@host:port", the
/// one the long-term jobs and held augmentations use): the seal route and the held-seal job share it, so a TSA that
/// is down is asked once per break, not once per request.
/// </summary>
public sealed class TsaGuard(ServiceCircuits circuits)
{
    /// <summary>The circuit's name for a TSA URL: "timestamp@host:port".</summary>
    public static string NameOf(Uri tsa) => ServiceCircuits.NameOf(LongTerm.Levels.Timestamp, tsa.ToString());

    /// <summary>A timestamp client that asks <paramref name="inner"/> through the TSA's circuit.</summary>
    public ITimestampClient Guard(Uri tsa, ITimestampClient inner) => new GuardedTimestampClient(inner, circuits, tsa);

    /// <summary>What counts as "the TSA did not answer": no connection, an HTTP error, a timeout, an answer that is no valid token.</summary>
    internal static bool IsTsaFailure(Exception e, CancellationToken requestAborted) => e switch
    {
        HttpRequestException or TimeoutRejectedException or CryptographicException => true,
        // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ => false,
    };

    /// <summary>A token, or the failure the circuit counts (a bad token is one too, unlike for a ministry's pipeline).</summary>
    private sealed record Attempt(byte[]? Token, Exception? Failure) : IClassifiedResult
    {
        public FailureClass FailureClass => Failure is null ? FailureClass.None : FailureClass.Transient;
    }

    private sealed class GuardedTimestampClient(ITimestampClient inner, ServiceCircuits circuits, Uri tsa) : ITimestampClient
    {
        public async Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
        {
            Attempt attempt;
            try
            {
                attempt = await circuits.For(NameOf(tsa)).ExecuteAsync(async ct =>
                {
                    try { return new Attempt(await inner.GetTokenAsync(data, digestAlgorithm, ct), null); }
                    catch (Exception e) when (IsTsaFailure(e, cancellationToken)) { return new Attempt(null, e); }
                }, cancellationToken);
            }
            catch (BrokenCircuitException)
            {
                throw new TimestampUnavailableException(tsa, $"the circuit {NameOf(tsa)} is open after repeated failures", circuitOpen: true);
            }
            catch (Exception e) when (IsTsaFailure(e, cancellationToken))
            {
                throw new TimestampUnavailableException(tsa, e.Message, circuitOpen: false);
            }
            return attempt.Token ?? throw new TimestampUnavailableException(tsa, attempt.Failure!.Message, circuitOpen: false);
        }
    }
}

/// <summary>The time-stamping authority did not answer (or its circuit is open): the seal is held, not failed.</summary>
public sealed class TimestampUnavailableException(Uri tsa, string reason, bool circuitOpen)
    : Exception($"The time-stamping authority {tsa} did not answer: {reason}")
{
    public bool CircuitOpen { get; } = circuitOpen;
}
