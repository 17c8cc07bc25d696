using System.Text;
using System.Text.Json;

namespace IntegrationHub.Tests;

/// <summary>
/// Issue 12: the request log line ("HTTP POST ... responded N") carries the status the client got. Unreadable bodies
/// throw and the exception handler answers 400; a request log outside the handler logged them as 500.
/// </summary>
public sealed class RequestLogTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task The_logged_status_is_the_status_sent_for_answers_of_the_exception_handler_and_of_the_endpoints()
    {
        // Letters only: the masking enricher would hide a long run of digits in a logged path.
        var code = "LOG" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('A' + c % 26)));
        var events = $"/api/v1/dossiers/{code}/events";
        using var justice = hub.Client(TestHub.JusticeKey);
        var sent = new List<(string Method, string Path, int Status)>();

        // Malformed JSON and a wrong type: the binder throws, the exception handler answers.
        foreach (var body in new[] { "{\"eventId\":", "{\"eventId\":\"L-1\",\"status\":\"five\",\"at\":\"2026-11-30T10:00:00+07:00\"}" })
        {
            var response = await justice.PostAsync(events, new StringContent(body, Encoding.UTF8, "application/json"));
            await response.AssertProblem(400);
            sent.Add(("POST", events, 400));
        }
        // The endpoint's own answer (no such dossier) and the router's (wrong method).
        var missing = await justice.GetAsync($"/api/v1/dossiers/{code}");
        sent.Add(("GET", $"/api/v1/dossiers/{code}", (int)missing.StatusCode));
        var wrongMethod = await justice.DeleteAsync(events);
        await wrongMethod.AssertProblem(405);
        sent.Add(("DELETE", events, 405));

        var logged = await RequestLogLines(code, sent.Count);
        Assert.Equal(sent.Select(s => $"{s.Method} {s.Path} {s.Status}").Order(), logged.Order());
        Assert.DoesNotContain(logged, l => l.EndsWith(" 500", StringComparison.Ordinal));
    }

    /// <summary>"METHOD path status" of Serilog's request events whose path holds <paramref name="marker"/>, read from the log file.</summary>
    private async Task<List<string>> RequestLogLines(string marker, int expected)
    {
        var logged = new List<string>();
        // The file sink writes in the background: wait for the events to land.
        for (var attempt = 0; attempt < 50 && logged.Count < expected; attempt++)
        {
            await Task.Delay(200);
            logged = Directory.GetFiles(Path.Combine(hub.DataDir, "logs")).SelectMany(ReadLines)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(e => e.TryGetProperty("RequestPath", out var p) && p.GetString()!.Contains(marker, StringComparison.Ordinal)
                            && e.TryGetProperty("StatusCode", out _))
                .Select(e => $"{e.GetProperty("RequestMethod").GetString()} {e.GetProperty("RequestPath").GetString()} {e.GetProperty("StatusCode").GetInt32()}")
                .ToList();
        }
        return logged;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
