using Hangfire;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.LongTerm;
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
        // The one registration to swap for the engine (IntegrationHub.Signatures/Augmentation) when it is connected.
        services.TryAddSingleton<IDocumentAugmentation, NoAugmentation>();
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
