using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Simulators;

/// <summary>The four simulated systems on their own Kestrel, on 127.0.0.1 only.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorRuntime runtime, string baseUrl)
    {
        _app = app;
        Runtime = runtime;
        BaseUrl = baseUrl;
    }

    public SimulatorRuntime Runtime { get; }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string BaseUrl { get; }

    /// <summary>Base URL per system: {BaseUrl}/{system}.</summary>
    public IReadOnlyDictionary<string, string> Urls =>
        SimulatedSystems.All.ToDictionary(s => s, s => $"{BaseUrl}/{s}");

    public string UrlOf(string system) => $"{BaseUrl}/{system}";

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var runtime = new SimulatorRuntime(options, time ?? TimeProvider.System);
        builder.Services.AddSingleton(runtime);
        var app = builder.Build();
        app.MapSimulators("", runtime);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, runtime, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
