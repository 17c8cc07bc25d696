using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using IntegrationHub.Auth;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Dossiers;
using IntegrationHub.Simulators;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Extensions;

/// <summary>
/// Delivery to vertical systems: the connectors (Verticals:*), Hangfire (SQLite in Hub:DataDir, or PostgreSQL
/// when the store is PostgreSQL, so several nodes share the work), the outbox dispatcher, the status pull, the
/// dashboard at /hangfire for admins only, and the simulated ministries under /sim when Simulators:Enabled.
/// </summary>
public static class DeliveryExtensions
{
    public const string SimulatorPrefix = "/sim";

    public static void AddHubDelivery(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var simulators = config.GetValue<bool>("Simulators:Enabled");
        services.AddVerticalConnectors(config);
        if (simulators) AddSimulatorsInside(builder);

        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            var poll = config.GetValue<TimeSpan?>("Delivery:Hangfire:QueuePollInterval") ?? TimeSpan.FromSeconds(1);
            if (string.Equals(config["Storage:Provider"], "postgres", StringComparison.OrdinalIgnoreCase))
            {
                // The storage prepares Hangfire's schema as it is made; one node at a time (see HangfireSchemaTurn).
                using var turn = HangfireSchemaTurn.Take(config["Storage:ConnectionString"]!);
                h.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(config["Storage:ConnectionString"]),
                    new PostgreSqlStorageOptions { QueuePollInterval = poll, PrepareSchemaIfNecessary = true });
            }
            else
                h.UseSQLiteStorage(Path.Combine(config["Hub:DataDir"] ?? "./data", "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = poll });
        });
        if (config.GetValue("Delivery:Hangfire:Server", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = config.GetValue<int?>("Delivery:Hangfire:WorkerCount") ?? Math.Max(4, Environment.ProcessorCount * 5);
                o.SchedulePollingInterval = config.GetValue<TimeSpan?>("Delivery:Hangfire:SchedulePollingInterval") ?? TimeSpan.FromSeconds(5);
            });
        }
        services.AddOutboxDelivery(config, runDispatcher: config.GetValue("Delivery:Dispatcher", true));
        services.AddTransient<IPulledStatusSink, EventIntakeSink>();
        services.AddSingleton<Admin.ReplayOperations>();
    }

    public static void MapHubDelivery(this WebApplication app)
    {
        // Never anonymous: the route needs the admin policy and the dashboard itself checks the role again.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = null,
        }).RequireAuthorization(AuthExtensions.Admin);

        var cron = app.Configuration["Delivery:StatusPullCron"] ?? "*/5 * * * *";
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<StatusPullJob>("status-pull", j => j.RunAsync(CancellationToken.None), cron);

        if (app.Configuration.GetValue<bool>("Simulators:Enabled"))
            app.MapSimulators(SimulatorPrefix).Admin.RequireAuthorization(AuthExtensions.Admin);
    }

    /// <summary>The simulated ministries inside this process, and connectors pointed at them unless configured otherwise.</summary>
    private static void AddSimulatorsInside(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var self = config["Simulators:HubBaseUrl"] ?? SelfUrl(config["urls"]);
        var options = new SimulatorOptions();
        config.GetSection("Simulators").Bind(options);
        options.HubSoapUrl ??= self + SoapExtensions.Path;
        options.HubEventsBaseUrl ??= self;
        AddSimulatorKeys(builder.Services, options);
        builder.Services.AddSingleton(sp => new SimulatorRuntime(options, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IPostConfigureOptions<VerticalOptions>>(new PointAtSimulators(self + SimulatorPrefix, options));
    }

    /// <summary>
    /// The simulated ministries call back with vertical keys, one per system (the hub checks a key speaks for the
    /// dossier's system). Unless Simulators:HubApiKeys (or HubApiKey) is configured, fresh ones are made at start and
    /// added to the hub's clients; they never leave the process.
    /// </summary>
    private static void AddSimulatorKeys(IServiceCollection services, SimulatorOptions options)
    {
        if (options.HubApiKey is not null || options.HubApiKeys.Count > 0) return;
        var registry = services.LastOrDefault(d => d.ServiceType == typeof(ApiKeyRegistry))?.ImplementationInstance as ApiKeyRegistry;
        if (registry is null) return;
        var added = new List<ApiClient>();
        foreach (var system in new[] { SimulatedSystems.Justice, SimulatedSystems.Trade, SimulatedSystems.PlanningInvestment })
        {
            var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            options.HubApiKeys[system] = key;
            added.Add(new ApiClient($"simulator-{system}", Roles.Vertical, system, null, ApiKeyRegistry.Hash(key)));
        }
        services.AddSingleton(new ApiKeyRegistry([.. registry.Clients, .. added]));
    }

    /// <summary>The first listening URL, with a wildcard host made loopback.</summary>
    private static string SelfUrl(string? urls)
    {
        var first = (urls ?? "http://127.0.0.1:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First();
        return first.Replace("://*", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").TrimEnd('/');
    }

    private sealed class PointAtSimulators(string baseUrl, SimulatorOptions sim) : IPostConfigureOptions<VerticalOptions>
    {
        public void PostConfigure(string? name, VerticalOptions o)
        {
            if (name is null || !string.IsNullOrWhiteSpace(o.BaseUrl)) return;
            o.BaseUrl = $"{baseUrl}/{name}";
            o.Username ??= sim.SoapUser;
            o.Password ??= sim.SoapPassword;
            o.ClientId ??= sim.TradeClientId;
            o.ClientSecret ??= sim.TradeClientSecret;
            o.ApiKey ??= sim.NationalPortalApiKey;
        }
    }

    /// <summary>
    /// A PostgreSQL session lock held while Hangfire prepares its schema. Two nodes starting together on a fresh
    /// database both ran Hangfire.PostgreSql's installer; it is not safe against that: one failed on a duplicate
    /// catalogue row, logged it and went on with the schema half made by the other. Taking turns, the second finds
    /// the schema up to date.
    /// </summary>
    internal sealed class HangfireSchemaTurn : IDisposable
    {
        private const long Key = 48482027;   // the store's migrations use 48482026
        private readonly Npgsql.NpgsqlConnection _connection;

        private HangfireSchemaTurn(Npgsql.NpgsqlConnection connection) => _connection = connection;

        public static HangfireSchemaTurn Take(string connectionString)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            command.ExecuteNonQuery();
            return new HangfireSchemaTurn(connection);
        }

        public void Dispose()
        {
            using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection)) command.ExecuteNonQuery();
            _connection.Dispose();
        }
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>A pulled status goes through the same intake as a pushed one (mapping, state machine, audit).</summary>
    private sealed class EventIntakeSink(EventIntake events, ILogger<EventIntakeSink> log) : IPulledStatusSink
    {
        public async Task ApplyAsync(string system, string dossierCode, PulledStatus status, CancellationToken ct)
        {
            var at = status.At ?? DateTimeOffset.UnixEpoch;
            var dto = new StatusEventDto($"pull-{status.SystemStatus}-{at.ToUnixTimeSeconds()}", null, status.SystemStatus,
                at.ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                status.OfficialName is null ? null : new OfficialDto(status.OfficialName, status.OfficialTitle, status.Unit),
                null, null, null, null);
            var result = await events.ApplyAsync(dossierCode, dto, system, $"status-pull:{system}", ct);
            if (result is not EventResult.Applied) log.LogWarning("Pulled status {Status} of {Code} not applied: {Result}", status.SystemStatus, dossierCode, result);
        }
    }
}
