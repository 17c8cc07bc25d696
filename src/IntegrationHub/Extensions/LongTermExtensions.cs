using Hangfire;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.LongTerm;
using IntegrationHub.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Extensions;

/// <summary>
/// Long-term preservation (LongTerm:*): the augmentation seam, the job that works the outbox's long-term rows, and
/// the recurring sweep (renewals, passed documents without a task) when LongTerm:Enabled.
/// </summary>
public static class LongTermExtensions
{
    public const string SweepJobId = "long-term-sweep";

    public static void AddHubLongTerm(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LongTermOptions>().Bind(builder.Configuration.GetSection("LongTerm"));
        // The engine (Signing/EngineAugmentation); tests put a fake in its place.
        services.TryAddSingleton<IDocumentAugmentation, EngineDocumentAugmentation>();
        // What the engine's TSA and revocation calls met on the wire, so a service down is told from a refusal.
        services.AddHttpClient("tsa").AddHttpMessageHandler(() => new UnansweredServices.Recorder(Levels.Timestamp));
        // Inside the recorder: a host behind an open circuit is not asked, and is recorded as not answering.
        services.AddHttpClient("revocation").AddHttpMessageHandler(() => new UnansweredServices.Recorder(Levels.Revocation))
            .AddHttpMessageHandler(sp => new OpenCircuitGate(sp.GetRequiredService<ServiceCircuits>(), Levels.Revocation));
        services.TryAddTransient<LongTermJob>();
        services.TryAddTransient<ILongTermWork>(sp => sp.GetRequiredService<LongTermJob>());
        services.TryAddTransient<LongTermSweepJob>();
        services.AddSingleton<IConfigureOptions<VerticalOptions>, LongTermCircuits>();
    }

    public static void MapHubLongTerm(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var options = app.Services.GetRequiredService<IOptions<LongTermOptions>>().Value;
        if (options.Enabled) recurring.AddOrUpdate<LongTermSweepJob>(SweepJobId, j => j.RunAsync(CancellationToken.None), options.RenewalCron);
        else recurring.RemoveIfExists(SweepJobId);
    }
}
