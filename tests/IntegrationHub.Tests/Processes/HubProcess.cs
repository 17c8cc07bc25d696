using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using IntegrationHub.Simulators;

namespace IntegrationHub.Tests.Processes;

/// <summary>
/// The real hub as a separate process (the built hub.dll under dotnet), on a fixed loopback port and a
/// data folder that outlive it, so a test can kill it with SIGKILL and start it again on the same state. The
/// vertical systems are simulators in the test process, so what they received survives the hub's deaths.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    public const string PortalKey = "crash-portal-key-0123456789";
    public const string AdminKey = "crash-admin-key-0123456789";

    private readonly SimulatorHost _simulators;
    private readonly SimulatorOptions _simOptions;
    private readonly string[] _extra;
    private readonly bool _ownsSimulators;
    private Process? _process;

    private HubProcess(SimulatorHost simulators, SimulatorOptions simOptions, string[] extra, bool ownsSimulators = true)
    {
        _simulators = simulators;
        _ownsSimulators = ownsSimulators;
        _simOptions = simOptions;
        _extra = extra;
        Port = IntegrationHub.Signatures.Tests.LoopbackPorts.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    public string DataDir { get; } = Directory.CreateTempSubdirectory("hub-process-").FullName;
    public int Port { get; }
    public Uri BaseAddress { get; }
    public SimulatorRuntime Simulators => _simulators.Runtime;
    public int Starts { get; private set; }

    public static async Task<HubProcess> CreateAsync(params string[] extraSettings)
    {
        var options = new SimulatorOptions { TickInterval = TimeSpan.Zero, RandomSeed = 7 };
        return new HubProcess(await SimulatorHost.StartAsync(options), options, extraSettings);
    }

    /// <summary>A hub on simulators the caller runs (and disposes), so several hub processes call the same ministries.</summary>
    public static HubProcess OnSharedSimulators(SimulatorHost simulators, SimulatorOptions options, params string[] extraSettings)
        => new(simulators, options, extraSettings, ownsSimulators: false);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The hub's main assembly as built next to this test project (same configuration).</summary>
    public static string HubDll()
    {
        var testDir = AppContext.BaseDirectory;   // .../tests/IntegrationHub.Tests/bin/Release/net10.0/
        var parts = testDir.TrimEnd('/').Split('/');
        var (configuration, framework) = (parts[^2], parts[^1]);
        var root = new DirectoryInfo(testDir);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IntegrationHub.sln"))) root = root.Parent;
        if (root is null) throw new DirectoryNotFoundException("repository root above " + testDir);
        var dll = Path.Combine(root.FullName, "src", "IntegrationHub", "bin", configuration, framework, "hub.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/IntegrationHub first", dll);
    }

    /// <summary>Starts the process and waits until /health/ready answers (a guard of 60 s against hanging).</summary>
    public async Task StartAsync()
    {
        // Started in its data folder, not beside its binaries, as a service manager starts it: the settings files
        // beside the binaries must still be read.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = DataDir };
        info.ArgumentList.Add(HubDll());
        foreach (var a in Arguments()) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        using var http = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"hub exited with {_process.ExitCode} at start");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("hub did not become ready");
            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);   // SIGKILL on Linux
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>Every line the process logged at error level or worse, over all its lives.</summary>
    public IReadOnlyCollection<string> ErrorLines => _errors.ToArray();

    private void Remember(string? line)
    {
        if (line is null) return;
        if (Environment.GetEnvironmentVariable("HUB_TEST_PROCESS_LOGS") is { Length: > 0 } dir)
            lock (_output) File.AppendAllText(Path.Combine(dir, $"hub-{Port}.log"), line + "\n");
        _output.Enqueue(line);
        if (line.Contains(" ERR] ", StringComparison.Ordinal) || line.Contains(" FTL] ", StringComparison.Ordinal)) _errors.Enqueue(line);
        while (_output.Count > 40) _output.TryDequeue(out _);
    }

    /// <summary>The last lines the process printed (for a failure message).</summary>
    public string OutputTail() => string.Join("\n", _output);

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--environment=Production";
        yield return $"--urls=http://127.0.0.1:{Port}";
        yield return $"--Hub:DataDir={DataDir}";
        yield return "--Storage:Provider=sqlite";
        yield return "--Simulators:Enabled=false";
        yield return "--Demo:Enabled=false";
        yield return "--RateLimiting:PublicPermitLimit=100000";
        yield return "--Auth:ApiKeys:0:Name=portal";
        yield return "--Auth:ApiKeys:0:Role=portal";
        yield return $"--Auth:ApiKeys:0:Key={PortalKey}";
        yield return "--Auth:ApiKeys:1:Name=admin";
        yield return "--Auth:ApiKeys:1:Role=admin";
        yield return $"--Auth:ApiKeys:1:Key={AdminKey}";
        // Quick polling and a short lease, so rows a killed process held come back within seconds.
        yield return "--Delivery:PollInterval=00:00:00.200";
        yield return "--Delivery:Lease=00:00:03";
        yield return "--Delivery:Hangfire:QueuePollInterval=00:00:00.200";
        yield return "--Delivery:Hangfire:SchedulePollingInterval=00:00:01";
        yield return "--Delivery:StatusPullCron=0 0 1 1 *";
        foreach (var system in Connectors.VerticalSystems.All)
        {
            yield return $"--Verticals:{system}:BaseUrl={_simulators.UrlOf(system)}";
            yield return $"--Verticals:{system}:RetryBaseDelay=00:00:00.010";
        }
        foreach (var system in new[] { "planning-investment", "justice" })
        {
            yield return $"--Verticals:{system}:Username={_simOptions.SoapUser}";
            yield return $"--Verticals:{system}:Password={_simOptions.SoapPassword}";
        }
        yield return $"--Verticals:trade:ClientId={_simOptions.TradeClientId}";
        yield return $"--Verticals:trade:ClientSecret={_simOptions.TradeClientSecret}";
        yield return $"--Verticals:national-portal:ApiKey={_simOptions.NationalPortalApiKey}";
        // Later values win: a test may override any of the above (e.g. Storage:Provider=postgres).
        foreach (var e in _extra) yield return e;
    }


    public async ValueTask DisposeAsync()
    {
        Kill();
        if (_ownsSimulators) await _simulators.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
