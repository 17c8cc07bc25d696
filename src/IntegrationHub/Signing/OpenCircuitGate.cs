namespace IntegrationHub.Signing;

/// <summary>
/// On the engine's "revocation" HTTP client: an OCSP responder or CRL host whose circuit ("revocation@host:port" in
/// <see cref="ServiceCircuits"/>) is open is not asked. The call fails at once as a host that did not answer, so a
/// request that needs it is held (and a long-term task waits) without spending a time-out per request, as a delivery
/// behind an open circuit does. A half-open circuit lets the call through: that is the held job's probe.
/// </summary>
public sealed class OpenCircuitGate(ServiceCircuits circuits, string service) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var url = request.RequestUri?.ToString() ?? "";
        var circuit = ServiceCircuits.NameOf(service, url);
        if (circuits.IsOpen(circuit))
            throw new HttpRequestException($"not asked: the circuit {circuit} is open after repeated failures");
        return base.SendAsync(request, ct);
    }
}
