using System.Diagnostics;
using Hangfire;
using Hangfire.Storage.SQLite;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks.Delivery;

/// <summary>
/// Deliveries per second on one node: SQLite store and Hangfire SQLite storage in a temp folder, the simulators on
/// Kestrel (127.0.0.1, no faults), the real dispatcher, batch jobs and connectors. A backlog of --dossiers dossiers
/// is committed with their intake outbox rows first (what an outage leaves behind), then the clock runs until every
/// row, and the national-portal row each delivered dossier adds, is delivered. Each dossier is two deliveries.
/// </summary>
public static class DeliveryLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dossiers = int.Parse(Arg(args, "--dossiers", "2000"));
        var system = Arg(args, "--system", VerticalSystems.PlanningInvestment);
        var (procedure, agency) = system switch
        {
            VerticalSystems.Trade => ("2.000633", "000.00.19.H47"),
            VerticalSystems.Justice => ("1.001193", "000.30.20.H47"),
            _ => ("1.001612", "000.00.25.H47"),
        };
        var dir = Directory.CreateTempSubdirectory("hub-delivery-load-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:JobBatchSize"] = Arg(args, "--batch", new DeliveryOptions().JobBatchSize.ToString()),
            ["Delivery:BatchParallelism"] = Arg(args, "--parallelism", new DeliveryOptions().BatchParallelism.ToString()),
            ["Delivery:PollInterval"] = Arg(args, "--poll", "00:00:02"),
        };
        var workers = int.Parse(Arg(args, "--workers", Math.Max(4, Environment.ProcessorCount * 5).ToString()));
        var queuePoll = TimeSpan.Parse(Arg(args, "--queue-poll", "00:00:01"));

        var store = await HubStorage.OpenAsync(new StorageOptions(DataDir: dir), TimeProvider.System, new ElapsedWorkingTime());
        var simOptions = new SimulatorOptions { TickInterval = TimeSpan.Zero, RandomSeed = 1 };
        await using var sim = await SimulatorHost.StartAsync(simOptions);
        foreach (var s in VerticalSystems.All) settings[$"Verticals:{s}:BaseUrl"] = sim.UrlOf(s);
        settings["Verticals:planning-investment:Username"] = settings["Verticals:justice:Username"] = simOptions.SoapUser;
        settings["Verticals:planning-investment:Password"] = settings["Verticals:justice:Password"] = simOptions.SoapPassword;
        settings["Verticals:trade:ClientId"] = simOptions.TradeClientId;
        settings["Verticals:trade:ClientSecret"] = simOptions.TradeClientSecret;
        settings["Verticals:national-portal:ApiKey"] = simOptions.NationalPortalApiKey;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var jobStorage = new SQLiteStorage(Path.Combine(dir, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = queuePoll });
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(TimeProvider.System);
        services.AddVerticalConnectors(config);
        services.AddSingleton<IOutboxStore>(store);
        services.AddSingleton<IDossierStore>(store);
        services.AddSingleton<IReferenceDataStore>(store);
        services.AddSingleton<IAuditLog>(store);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(jobStorage));
        services.AddSingleton<JobStorage>(jobStorage);
        services.AddOutboxDelivery(config, runDispatcher: false);
        await using var provider = services.BuildServiceProvider();

        Console.WriteLine($"seeding {dossiers} dossiers for {system} in {dir} ...");
        var seed = Stopwatch.StartNew();
        var document = new DocumentUpload("don.pdf", "application/pdf", "%PDF-1.7 benchmark"u8.ToArray(), null, "{\"indication\":\"TOTAL_PASSED\"}", false);
        for (var i = 0; i < dossiers; i++)
        {
            var code = $"{agency}-261130-{i:D6}";
            var now = TimeProvider.System.GetUtcNow();
            await store.TryCreateAsync(new NewDossier(code, procedure, agency, now, SubmissionChannel.Online,
                new Applicant("Trần Tấn Phú", "054090001234", null, null), now.AddDays(3), system, [document]),
                OutboxMessages.ForIntake(code, system), new AuditRecord("portal", "dossier.created"));
        }
        Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:F1} s ({dossiers / seed.Elapsed.TotalSeconds:F0} intake writes/s)");

        var expected = 2L * dossiers;
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            SchedulePollingInterval = TimeSpan.FromSeconds(5),
            Activator = new ProviderActivator(provider),
        }, jobStorage);
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var load = LoadAverage();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await dispatcher.StartAsync(CancellationToken.None);
        IReadOnlyDictionary<DeliveryState, long> counts;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(200);
            counts = await store.CountByStateAsync();
            if (counts[DeliveryState.Delivered] + counts[DeliveryState.Dead] >= expected) break;
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s: {counts[DeliveryState.Delivered]} delivered");
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(15)) { Console.WriteLine("gave up after 15 minutes"); break; }
        }
        var elapsed = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await dispatcher.StopAsync(CancellationToken.None);

        var delivered = counts[DeliveryState.Delivered];
        var ledger = sim.Runtime[system].Ledger;
        var national = sim.Runtime[VerticalSystems.NationalPortal].Ledger;
        Console.WriteLine($"workers={workers} batch={settings["Delivery:JobBatchSize"]} parallelism={settings["Delivery:BatchParallelism"]}");
        Console.WriteLine($"delivered {delivered} of {expected} ({counts[DeliveryState.Dead]} dead) in {elapsed.TotalSeconds:F1} s: {delivered / elapsed.TotalSeconds:F0} deliveries/s");
        // CPU time is steadier than wall time on a shared machine: it is what the deliveries cost, whoever else runs.
        // It includes the simulators (same process), so it overstates the hub's own cost.
        Console.WriteLine($"cpu {cpu.TotalSeconds:F1} s: {cpu.TotalMilliseconds / Math.Max(1, delivered):F2} ms per delivery " +
            $"({delivered / Math.Max(0.001, cpu.TotalSeconds):F0} deliveries per CPU-second); load average {load} -> {LoadAverage()}");
        Console.WriteLine($"simulator {system}: {ledger.Count} received, {ledger.Duplicates} duplicates; national-portal: {national.Count} received, {national.Duplicates} duplicates");
        server.SendStop();
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return delivered == expected ? 0 : 1;
    }

    /// <summary>The 1-minute load average (Linux), printed with each figure.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed class ProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }

    internal sealed class ElapsedWorkingTime : IWorkingTime
    {
        public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, Core.DueDates.OfficeHours hours) => to - from;
        public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, Core.DueDates.OfficeHours hours) => from + workingTime;
    }
}
