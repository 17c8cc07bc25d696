using IntegrationHub.Connectors.Messages;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Connectors.Resilience;

/// <summary>Runs one connector attempt through the system's pipeline and turns what escapes it into outcomes.</summary>
public static class ResilientCall
{
    public static async Task<DeliveryOutcome> DeliverAsync(ResiliencePipeline pipeline,
        Func<CancellationToken, ValueTask<DeliveryOutcome>> attempt, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(attempt, ct);
        }
        catch (BrokenCircuitException ex)
        {
            return DeliveryOutcome.CircuitOpen(ex.RetryAfter);
        }
        catch (TimeoutRejectedException ex)
        {
            return DeliveryOutcome.Failed(FailureClass.Transient, "TIMEOUT", ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryOutcome.Failed(FailureClass.Transient, "NETWORK", ex.Message);
        }
    }

    public static async Task<PulledStatus> PullAsync(ResiliencePipeline pipeline,
        Func<CancellationToken, ValueTask<PulledStatus>> attempt, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(attempt, ct);
        }
        catch (Exception ex) when (ex is BrokenCircuitException or TimeoutRejectedException or HttpRequestException)
        {
            return PulledStatus.Failed(FailureClass.Transient, ex.Message);
        }
    }
}
