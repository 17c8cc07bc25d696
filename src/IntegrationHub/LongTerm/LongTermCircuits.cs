using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Sealing;
using IntegrationHub.Signing;
using Microsoft.Extensions.Options;

namespace IntegrationHub.LongTerm;

/// <summary>
/// The Polly settings of the long-term circuit ("long-term", a task's first attempt) and of the signature services'
/// circuits (<see cref="ServiceCircuits"/>: "timestamp@host", "revocation@host", shared by sealing, held augmentations
/// and the long-term jobs), built by the same VerticalPipelines as a ministry's. A service circuit starts from
/// Sealing:Circuit (<see cref="TsaCircuitOptions"/>); LongTerm:Circuit (VerticalOptions names) is bound over both.
/// Quick retries are off: a TSA that is down is not back in 200 ms, and the growing delays of the outbox and of the
/// held seals do the waiting.
/// </summary>
public sealed class LongTermCircuits(IConfiguration configuration) : IConfigureNamedOptions<VerticalOptions>
{
    public static bool IsLongTerm(string? name) => name == LongTermJob.FirstCircuit || ServiceCircuits.IsServiceCircuit(name);

    public void Configure(string? name, VerticalOptions options)
    {
        if (!IsLongTerm(name)) return;
        options.MaxRetryAttempts = 0;
        if (ServiceCircuits.IsServiceCircuit(name))
        {
            var c = configuration.GetSection("Sealing:Circuit").Get<TsaCircuitOptions>() ?? new TsaCircuitOptions();
            options.AttemptTimeout = c.AttemptTimeout;
            options.BreakerFailureRatio = c.FailureRatio;
            options.BreakerMinimumThroughput = c.MinimumThroughput;
            options.BreakerSamplingDuration = c.SamplingDuration;
            options.BreakDuration = c.BreakDuration;
        }
        configuration.GetSection("LongTerm:Circuit").Bind(options);
    }

    public void Configure(VerticalOptions options) { }
}
