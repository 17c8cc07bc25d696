using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Processes;

/// <summary>
/// A hub process started outside its binaries' folder (HubProcess starts it in its data folder) still runs with the
/// appsettings.json shipped beside the binaries: before the fix it ran without them, so a vertical system's own
/// status codes (the status maps live there) were refused and every request wrote Microsoft's Information logs.
/// </summary>
public sealed class SettingsTests
{
    private const string VerticalKey = "settings-vertical-key-0123456789";

    [Fact]
    public async Task Started_in_another_folder_the_hub_reads_the_settings_beside_its_binaries()
    {
        await using var hub = await HubProcess.CreateAsync(
            "--Auth:ApiKeys:2:Name=dkkd", "--Auth:ApiKeys:2:Role=vertical", "--Auth:ApiKeys:2:System=planning-investment",
            $"--Auth:ApiKeys:2:Key={VerticalKey}");
        await hub.StartAsync();
        Assert.False(File.Exists(Path.Combine(hub.DataDir, "appsettings.json")));

        var code = Submissions.NextCode();
        var received = TimeProvider.System.GetUtcNow().AddMinutes(-2).ToOffset(TimeSpan.FromHours(7));
        var submission = Submissions.Valid(code);
        submission["receivedAt"] = received.ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        using (var portal = hub.Client(HubProcess.PortalKey))
            Assert.Equal(HttpStatusCode.Created, (await portal.Submit(submission)).StatusCode);

        // planning-investment's own code TIEP_NHAN maps to national status 2 by the map in appsettings.json.
        using var vertical = hub.Client(VerticalKey);
        var statusEvent = new JsonObject { ["eventId"] = "S-1", ["systemStatus"] = "TIEP_NHAN", ["at"] = received.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz") };
        var response = await vertical.PostJson($"/api/v1/dossiers/{code}/events", statusEvent);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}\n{hub.OutputTail()}");
        Assert.Equal(2, JsonNode.Parse(body)!["status"]!.GetValue<int>());

        // And its log levels: Microsoft.AspNetCore at Warning, so no per-request lines of ASP.NET Core's own.
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", hub.OutputTail());
    }
}
