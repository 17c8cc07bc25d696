using System.Net.Http.Headers;
using IntegrationHub.Extensions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// The real hub on Kestrel at 127.0.0.1 (a free port), with SQLite in a temporary data folder, a fake clock and
/// one API key per role. One per test class (IClassFixture), so classes do not share data.
/// </summary>
public sealed class TestHub : IAsyncLifetime
{
    public const string PortalKey = "test-portal-key-0123456789";
    public const string AgencyKey = "test-agency-key-0123456789";
    public const string OtherAgencyKey = "test-agency2-key-0123456789";
    public const string PlanningKey = "test-planning-key-0123456789";
    public const string JusticeKey = "test-justice-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary>Monday 30 November 2026, 09:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(7));

    public string DataDir { get; } = Directory.CreateTempSubdirectory("hub-test-").FullName;
    public FakeTimeProvider Time { get; } = new(Start);
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Extra --Key=Value settings for a test class that needs them (set before InitializeAsync).</summary>
    public List<string> ExtraSettings { get; } = [];

    /// <summary>Extra registrations (e.g. a fake augmentation engine), added after the hub's own.</summary>
    public Action<IServiceCollection>? ExtraServices { get; set; }

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--environment=Testing",
            "--urls=http://127.0.0.1:0",
            $"--Hub:DataDir={DataDir}",
            "--Storage:Provider=sqlite",
            // Delivery has its own suite (Connectors.Tests); parallel hosts must not share Hangfire's static server state.
            "--Delivery:Hangfire:Server=false", "--Delivery:Dispatcher=false",
            "--RateLimiting:PublicPermitLimit=100000", "--RateLimiting:LoginPermitLimit=100000",
            // The portal key is configured by its hash, as production does; the others in clear (development form).
            "--Auth:ApiKeys:0:Name=portal", "--Auth:ApiKeys:0:Role=portal",
            $"--Auth:ApiKeys:0:KeyHash={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PortalKey)))}",
            "--Auth:ApiKeys:1:Name=agency", "--Auth:ApiKeys:1:Role=agency", "--Auth:ApiKeys:1:Agency=000.00.25.H47", $"--Auth:ApiKeys:1:Key={AgencyKey}",
            "--Auth:ApiKeys:2:Name=planning", "--Auth:ApiKeys:2:Role=vertical", "--Auth:ApiKeys:2:System=planning-investment", $"--Auth:ApiKeys:2:Key={PlanningKey}",
            "--Auth:ApiKeys:3:Name=justice", "--Auth:ApiKeys:3:Role=vertical", "--Auth:ApiKeys:3:System=justice", $"--Auth:ApiKeys:3:Key={JusticeKey}",
            "--Auth:ApiKeys:4:Name=admin", "--Auth:ApiKeys:4:Role=admin", $"--Auth:ApiKeys:4:Key={AdminKey}",
            "--Auth:ApiKeys:5:Name=agency2", "--Auth:ApiKeys:5:Role=agency", "--Auth:ApiKeys:5:Agency=000.00.19.H47", $"--Auth:ApiKeys:5:Key={OtherAgencyKey}",
            .. ExtraSettings,
        ];
        App = HubApplication.Build(args, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Time);
            ExtraServices?.Invoke(builder.Services);
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Assert.Equal("127.0.0.1", BaseAddress.Host);
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Stops the host and starts a new one on the same data folder and clock, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
