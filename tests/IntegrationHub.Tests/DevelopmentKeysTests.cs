using IntegrationHub.Extensions;

namespace IntegrationHub.Tests;

public sealed class DevelopmentKeysTests : IClassFixture<DevelopmentKeysTests.DevHub>
{
    /// <summary>A hub in Development with no Auth:ApiKeys configured.</summary>
    public sealed class DevHub : IAsyncLifetime
    {
        public WebApplication App { get; private set; } = null!;
        public string DataDir { get; } = Directory.CreateTempSubdirectory("hub-dev-").FullName;
        public Uri BaseAddress { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = HubApplication.Build(["--environment=Development", "--urls=http://127.0.0.1:0", $"--Hub:DataDir={DataDir}",
                "--Signatures:TrustAnchors:0=does-not-exist", "--Simulators:Enabled=false", "--Demo:Enabled=false"]);
            await App.StartAsync();
            BaseAddress = new Uri(App.Urls.First());
        }

        public async Task DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private readonly DevHub dev;
    public DevelopmentKeysTests(DevHub fixture) => dev = fixture;

    [Fact]
    public async Task Development_without_keys_generates_a_portal_and_an_admin_key_that_work_and_are_not_logged()
    {
        var keys = dev.App.Services.GetRequiredService<DevelopmentKeys>().Generated;
        Assert.Equal(["portal", "admin", "agency"], keys.Select(k => k.Role));
        var portal = keys.Single(k => k.Role == "portal").Key;
        using var client = new HttpClient { BaseAddress = dev.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", portal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/dossiers/000.00.25.H47-261130-0001")).StatusCode);
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/dossiers/000.00.25.H47-261130-0001")).StatusCode);

        await Task.Delay(500);
        foreach (var file in Directory.GetFiles(Path.Combine(dev.DataDir, "logs")))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var text = await new StreamReader(stream).ReadToEndAsync();
            Assert.DoesNotContain(portal, text);
        }
    }
}
