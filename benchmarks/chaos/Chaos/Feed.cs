using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using IntegrationHub.Simulators;

namespace Chaos;

/// <summary>One dossier the hub answered 201 or 200, with when and how long the answering request took.</summary>
public sealed record Accepted(string Code, string System, int Status, int Attempts, DateTimeOffset At, double LatencyMs);

/// <summary>
/// Signed dossiers for the three vertical systems in turn, all carrying the same PAdES-signed PDF (the signature is
/// checked at every intake; only the code varies), and the submission loop that retries a failed request with the
/// same payload: a dossier whose 201 was lost to a kill is answered 200 the second time.
/// </summary>
public sealed class Feed
{
    public static readonly (string System, string Procedure, string Agency)[] Routes =
    [
        (SimulatedSystems.PlanningInvestment, "2.002045", "000.00.25.H47"),
        (SimulatedSystems.Trade, "2.000131", "000.00.19.H47"),
        (SimulatedSystems.Justice, "1.001193", "000.30.20.H47"),
    ];

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly string _pdfBase64;
    private readonly string _day;

    public Feed(string signedPdf)
    {
        _pdfBase64 = Convert.ToBase64String(File.ReadAllBytes(signedPdf));
        _day = DateTimeOffset.UtcNow.ToOffset(Vietnam).ToString("yyMMdd");
    }

    public ConcurrentDictionary<string, Accepted> Accepted { get; } = new(StringComparer.Ordinal);
    /// <summary>Every code sent at least once (a dossier committed just before a kill may be stored without a 201 seen).</summary>
    public ConcurrentDictionary<string, string> Sent { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Refused { get; } = new();
    public long Retries;

    public (string Code, string System, string Body) Dossier(int index)
    {
        var (system, procedure, agency) = Routes[index % Routes.Length];
        var code = $"{agency}-{_day}-{index + 1:D6}";
        // The hub runs on the real clock: received a minute ago.
        var receivedAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(Vietnam).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var body = new StringBuilder(_pdfBase64.Length + 600)
            .Append("{\"code\":\"").Append(code).Append("\",\"procedureCode\":\"").Append(procedure)
            .Append("\",\"agencyCode\":\"").Append(agency).Append("\",\"receivedAt\":\"").Append(receivedAt)
            .Append("\",\"channel\":\"online\",\"applicant\":{\"name\":\"Tr\\u1ea7n T\\u1ea5n Ph\\u00fa\",\"idNumber\":\"054090001234\",")
            .Append("\"phone\":\"0905123456\",\"email\":\"phu@example.vn\"},\"documents\":[{\"name\":\"don-de-nghi.pdf\",")
            .Append("\"mediaType\":\"application/pdf\",\"content\":\"").Append(_pdfBase64).Append("\",\"detachedSignature\":null}]}")
            .ToString();
        return (code, system, body);
    }

    /// <summary>
    /// Submits one dossier until it is answered 201 or 200 (retrying the same payload after a refused connection,
    /// a cut-off answer or a 5xx, on the other node when there are two), or until <paramref name="giveUpAfter"/>.
    /// </summary>
    public async Task<Accepted?> SubmitAsync(int index, Func<int, HubNode> target, HttpClient[] clients, Func<HubNode, int> clientOf,
        TimeSpan giveUpAfter, CancellationToken ct)
    {
        var (code, system, body) = Dossier(index);
        var deadline = DateTimeOffset.UtcNow + giveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1) Interlocked.Increment(ref Retries);
            Sent.TryAdd(code, system);
            var node = target(attempt);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await clients[clientOf(node)].PostAsync("/api/v1/dossiers", content, ct);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var accepted = new Accepted(code, system, (int)response.StatusCode, attempt, DateTimeOffset.UtcNow, ms);
                    Accepted[code] = accepted;
                    return accepted;
                }
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    Refused.Enqueue($"{code}: {(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync(ct))}");
                    return null;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (DateTimeOffset.UtcNow > deadline || ct.IsCancellationRequested) return null;
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;
}
