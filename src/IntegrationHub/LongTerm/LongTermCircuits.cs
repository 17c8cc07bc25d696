using IntegrationHub.Connectors.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.LongTerm;

/// <summary>
/// The Polly settings of the long-term circuits ("long-term" for a first attempt, "timestamp@host" and
/// "revocation@host" once a service did not answer), built by the same VerticalPipelines as a ministry's, bound
/// from LongTerm:Circuit. Quick retries are off by default: a TSA that is down is not back in 200 ms, and the
/// outbox's growing delays do the waiting.
/// </summary>
public sealed class LongTermCircuits(IConfiguration configuration) : IConfigureNamedOptions<VerticalOptions>
{
    public static bool IsLongTerm(string? name) => name is not null && (name == LongTermJob.FirstCircuit || name.Contains('@'));

    public void Configure(string? name, VerticalOptions options)
    {
        if (!IsLongTerm(name)) return;
        options.MaxRetryAttempts = 0;
        configuration.GetSection("LongTerm:Circuit").Bind(options);
    }

    public void Configure(VerticalOptions options) { }
}
