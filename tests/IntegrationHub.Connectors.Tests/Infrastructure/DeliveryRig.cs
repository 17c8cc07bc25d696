using Hangfire;
using Hangfire.Storage.SQLite;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Ports;
using IntegrationHub.Simulators;
using IntegrationHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>
/// The real delivery path: a SQLite store with its outbox in a temp folder, Hangfire on SQLite storage in the same
/// folder with a real BackgroundJobServer, the dispatcher and the connectors against the simulators on Kestrel.
/// Time for the store, outbox and breaker is a FakeTimeProvider; quick in-call retries are off so nothing waits on it.
/// </summary>
public sealed class DeliveryRig : IAsyncDisposable
{
    private readonly BackgroundJobServer _server;
    private readonly string _dir;

    private DeliveryRig(Rig rig, HubStore store, BackgroundJobServer server, FakeTimeProvider time, string dir, JobStorage jobs)
    {
        Rig = rig; Store = store; _server = server; Time = time; _dir = dir; Jobs = jobs;
    }

    /// <summary>Hangfire's storage, to count the jobs the dispatcher created.</summary>
    public JobStorage Jobs { get; }

    public Rig Rig { get; }
    public HubStore Store { get; }
    public FakeTimeProvider Time { get; }
    public OutboxDispatcher Dispatcher => Rig.Get<OutboxDispatcher>();
    public SystemState Sim(string system) => Rig.Sim(system);

    public static async Task<DeliveryRig> StartAsync(Action<SimulatorOptions>? simulators = null, IDictionary<string, string?>? settings = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hub-delivery-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero));
        var store = await HubStorage.OpenAsync(new StorageOptions(DataDir: dir), time, new PlainWorkingTime());
        var jobStorage = new SQLiteStorage(Path.Combine(dir, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50) });

        var all = new Dictionary<string, string?>
        {
            ["Delivery:MaxAttempts"] = "3",
            ["Delivery:Lease"] = "00:02:00",
            ["Delivery:RetryDelays:0"] = "00:01:00",
            ["Delivery:RetryDelays:1"] = "00:10:00",
        };
        foreach (var system in VerticalSystems.All) all[$"Verticals:{system}:MaxRetryAttempts"] = "0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;

        var rig = await Rig.StartAsync(simulators, all, connectorTime: time, services: s =>
        {
            s.AddSingleton<IOutboxStore>(store);
            s.AddSingleton<IDossierStore>(store);
            s.AddSingleton<IReferenceDataStore>(store);
            s.AddSingleton<IAuditLog>(store);
            s.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(jobStorage));
            s.AddOutboxDelivery(new ConfigurationBuilder().AddInMemoryCollection(all).Build(), runDispatcher: false);
        });
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 4,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
            Activator = new ProviderActivator(rig.Services),
        }, jobStorage);
        return new DeliveryRig(rig, store, server, time, dir, jobStorage);
    }

    /// <summary>Stores a dossier with its intake outbox row, as the intake endpoint does.</summary>
    public async Task<string> SubmitAsync(string procedure = "1.001612", string agency = "000.00.25.H47", string? system = VerticalSystems.PlanningInvestment)
    {
        var code = TestDossiers.NewCode();
        var dossier = new NewDossier(code, procedure, agency, Time.GetUtcNow(), SubmissionChannel.Online,
            new IntegrationHub.Core.Dossiers.Applicant("Trần Tấn Phú", "054090001234", null, null), Time.GetUtcNow().AddDays(3), system,
            [new DocumentUpload("don.pdf", "application/pdf", "%PDF-1.7 test"u8.ToArray(), null, "{\"indication\":\"TOTAL_PASSED\"}", false)]);
        var result = await Store.TryCreateAsync(dossier, OutboxMessages.ForIntake(code, system), new AuditRecord("portal", "dossier.created"));
        Assert.Equal(CreateOutcome.Created, result.Outcome);
        return code;
    }

    /// <summary>Dispatches due rows and waits (real time, generous limit) until no row of the dossier is still leased in flight.</summary>
    public async Task<IReadOnlyList<Core.Ports.Delivery>> RunUntilSettledAsync(string dossierCode, Func<IReadOnlyList<Core.Ports.Delivery>, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a guard against hanging, not a timing assertion
        while (true)
        {
            await Dispatcher.DispatchOnceAsync();
            var rows = await RowsAsync(dossierCode);
            if (settled(rows)) return rows;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("deliveries did not settle: " + string.Join(", ", rows.Select(r => $"{r.MessageId}={r.State}/{r.Attempts}")));
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<Core.Ports.Delivery>> RowsAsync(string dossierCode) =>
        (await Store.ListDeliveriesAsync(new DeliveryQuery(DossierCode: dossierCode, Limit: 500))).Items.OrderBy(d => d.Id).ToList();

    public async ValueTask DisposeAsync()
    {
        _server.SendStop();
        _server.Dispose();
        await Rig.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* SQLite may still hold a handle briefly */ }
    }

    private sealed class ProviderActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }

    /// <summary>Working time = elapsed time: these tests do not judge due dates.</summary>
    private sealed class PlainWorkingTime : IWorkingTime
    {
        public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, OfficeHours hours) => to - from;
        public DateTimeOffset Add(DateTimeOffset from, TimeSpan workingTime, OfficeHours hours) => from + workingTime;
    }
}
