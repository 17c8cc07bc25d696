using System.Text;
using System.Text.Json;

namespace IntegrationHub.Tests;

public sealed class OperationsTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task Health_live_and_ready_answer_healthy()
    {
        var live = await hub.Client().GetAsync("/health/live");
        var ready = await hub.Client().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_format_and_count_requests()
    {
        await hub.Client().GetAsync("/api/v1/public/procedures");
        var text = await (await hub.Client().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_request_duration_seconds histogram", text);
        Assert.Matches("http_request_duration_seconds_count\\{code=\"200\",method=\"GET\",[^}]*endpoint=\"/api/v1/public/procedures\"\\} [1-9]", text);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_and_wrong_method_is_405_problem()
    {
        await (await hub.Client().GetAsync("/api/v1/nothing-here")).AssertProblem(404);
        await (await hub.Client().DeleteAsync("/api/v1/public/procedures")).AssertProblem(405);
    }

    [Fact]
    public async Task Citizen_id_number_is_masked_in_the_log_file()
    {
        var code = Submissions.NextCode();
        // The ID number reaches the log through a log line the hub writes with the request path.
        var response = await hub.Client(TestHub.PortalKey).GetAsync($"/api/v1/dossiers/{Submissions.CitizenId}");
        await response.AssertProblem(404);
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code));
        var cmnd = "123456789";
        await hub.Client().GetAsync($"/api/v1/public/dossiers/{cmnd}");

        var logs = Path.Combine(hub.DataDir, "logs");
        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("********1234"); attempt++)
        {
            await Task.Delay(200);
            text = string.Concat(Directory.GetFiles(logs).Select(ReadShared));
        }
        Assert.Contains("********1234", text);
        Assert.Contains("******789", text);
        Assert.DoesNotContain(Submissions.CitizenId, text);
        Assert.DoesNotContain(cmnd, text);
        // Compact JSON: one event per line.
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line));
    }

    [Fact]
    public async Task Document_content_never_reaches_the_log()
    {
        var secret = "NOI-DUNG-MAT-" + Guid.NewGuid().ToString("N");
        await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(Submissions.NextCode(), content: secret));
        await Task.Delay(1500);
        var text = string.Concat(Directory.GetFiles(Path.Combine(hub.DataDir, "logs")).Select(ReadShared));
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), text);
    }

    [Fact]
    public async Task Api_reference_ui_is_served_with_local_assets()
    {
        var page = await (await hub.Client().GetAsync("/scalar/")).Content.ReadAsStringAsync();
        Assert.Contains("scalar.js", page);
        Assert.DoesNotContain("cdn.", page);
        var script = await hub.Client().GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
