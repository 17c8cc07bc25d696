using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>
/// A stand-in for the hub's status intake on real Kestrel: SOAP UpdateDossierStatus at /soap/DossierSync and
/// REST POST /api/v1/dossiers/{code}/events, both demanding the API key. It records what arrives.
/// </summary>
public sealed class HubStub : IAsyncDisposable
{
    public const string ApiKey = "vertical-test-key";
    private readonly WebApplication _app;

    public ConcurrentQueue<XElement> SoapUpdates { get; } = new();
    public ConcurrentQueue<(string Code, JsonElement Event)> RestEvents { get; } = new();
    public int Rejected;

    private HubStub(WebApplication app) => _app = app;
    public string BaseUrl { get; private set; } = "";
    public string SoapUrl => BaseUrl + "/soap/DossierSync";

    public static async Task<HubStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new HubStub(app);
        app.MapPost("/soap/DossierSync", async (HttpRequest r, CancellationToken ct) =>
        {
            if (r.Headers["X-Api-Key"] != ApiKey) { Interlocked.Increment(ref stub.Rejected); return Results.StatusCode(401); }
            var envelope = await XElement.LoadAsync(r.Body, LoadOptions.None, ct);
            stub.SoapUpdates.Enqueue(envelope.Descendants().First(e => e.Name.LocalName == "UpdateDossierStatus"));
            return Results.Content("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>", "text/xml");
        });
        app.MapPost("/api/v1/dossiers/{code}/events", (string code, HttpRequest r, JsonElement body) =>
        {
            if (r.Headers["X-Api-Key"] != ApiKey) { Interlocked.Increment(ref stub.Rejected); return Results.StatusCode(401); }
            stub.RestEvents.Enqueue((code, body));
            return Results.Accepted();
        });
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
