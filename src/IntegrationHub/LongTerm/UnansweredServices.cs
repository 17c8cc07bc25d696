using System.Collections.Concurrent;
using IntegrationHub.Signatures.Augmentation;

namespace IntegrationHub.LongTerm;

/// <summary>A service that did not answer: "timestamp" or "revocation", the URL asked, and why.</summary>
public sealed record Unanswered(string Service, string Url, string Reason);

/// <summary>
/// The outside services (TSA, OCSP responders, CRL hosts) that did not answer during one augmentation. The engine
/// reports a TSA that is down and a TSA that gave a bad token with the same refusal (TSA_FAILED), and a CRL host that
/// is down like a certificate without any revocation source (VALIDATION_DATA_MISSING); what was seen on the wire
/// tells a wait from a refusal. A <see cref="Recorder"/> on the "tsa" and "revocation" HTTP clients writes into the
/// watch of the current async flow, and does nothing when no watch is open (validation, signing).
/// </summary>
public sealed class UnansweredServices
{
    private static readonly AsyncLocal<UnansweredServices?> Current = new();
    private readonly ConcurrentQueue<Unanswered> _seen = new();

    /// <summary>The first service that did not answer since <see cref="Watch"/>, or null.</summary>
    public Unanswered? First => _seen.TryPeek(out var first) ? first : null;

    /// <summary>
    /// The service that explains the engine's refusal, or null when the refusal stands: only a TSA that failed
    /// (TSA_FAILED) or validation data not found (VALIDATION_DATA_MISSING) can be a service that did not answer.
    /// </summary>
    public Unanswered? Explains(AugmentationRefusedException e) => e.Reason is "TSA_FAILED" or "VALIDATION_DATA_MISSING" ? First : null;

    /// <summary>Notes a service not asked because its circuit is open: to the watch it did not answer.</summary>
    public static void Note(Unanswered unanswered) => Current.Value?._seen.Enqueue(unanswered);

    /// <summary>Opens a watch for the calling flow and the calls it makes (call it from the async method that awaits the engine).</summary>
    public static UnansweredServices Watch() => Current.Value = new UnansweredServices();

    /// <summary>
    /// Notes connection failures, time-outs and answers that mean "not now" (5xx, 408, 429). Other answers (404, a
    /// rejected request) are the service's word, not its absence: the engine's refusal stands.
    /// </summary>
    public sealed class Recorder(string service) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var url = request.RequestUri?.ToString() ?? "";
            try
            {
                var response = await base.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (status >= 500 || status is 408 or 429) Current.Value?._seen.Enqueue(new Unanswered(service, url, $"HTTP {status}"));
                return response;
            }
            catch (HttpRequestException e)
            {
                Current.Value?._seen.Enqueue(new Unanswered(service, url, e.Message));
                throw;
            }
            catch (OperationCanceledException)
            {
                // The client's time-out cancels this token too; a cancelled job is told apart by its caller.
                Current.Value?._seen.Enqueue(new Unanswered(service, url, "no answer in time"));
                throw;
            }
        }
    }
}
