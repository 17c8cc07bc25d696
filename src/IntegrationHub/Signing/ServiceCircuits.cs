using IntegrationHub.Connectors.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace IntegrationHub.Signing;

/// <summary>
/// The one registry of the circuits in front of the outside signature services: a TSA, an OCSP responder, a CRL host,
/// by service and host, "timestamp@host:port" or "revocation@host:port". They are entries of <see cref="VerticalPipelines"/>
/// (the '@' in the name is what LongTerm.LongTermCircuits configures them by), so the seal route, the held-seal job,
/// the augment route and the long-term jobs that meet the same TSA share one breaker: it is asked once per break.
/// </summary>
public sealed class ServiceCircuits(VerticalPipelines pipelines)
{
    /// <summary>The circuit's name for a service URL.</summary>
    public static string NameOf(string service, string url) =>
        $"{service}@{(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url)}";

    public static bool IsServiceCircuit(string? name) => name is not null && name.IndexOf('@') > 0;

    public ResiliencePipeline For(string name) => pipelines.For(name);

    public bool IsOpen(string name) => pipelines.StateOf(name) is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Every service circuit used since start, for the admin API.</summary>
    public IReadOnlyDictionary<string, string> States() =>
        pipelines.Built().Where(IsServiceCircuit).Order(StringComparer.Ordinal).ToDictionary(n => n, n => pipelines.StateOf(n).ToString());
}
