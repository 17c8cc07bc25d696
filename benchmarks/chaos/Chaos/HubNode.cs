using System.Diagnostics;
using System.Net.Sockets;
using IntegrationHub.Simulators;

namespace Chaos;

/// <summary>
/// One `hub serve` process on a fixed loopback port and data folder that outlive it, so it can be killed with SIGKILL
/// and started again on the same state (the approach of tests/IntegrationHub.Tests/Processes/HubProcess.cs). Everything
/// it prints, over all its lives, goes to {work}/{name}.log.
/// </summary>
public sealed class HubNode : IDisposable
{
    public const string PortalKey = "chaos-portal-key-0123456789";
    public const string AdminKey = "chaos-admin-key-0123456789";
    public const string TradeKey = "chaos-trade-key-0123456789";
    public const string JusticeKey = "chaos-justice-key-0123456789";

    private readonly ChaosOptions _options;
    private readonly SimulatorHost _simulators;
    private readonly StreamWriter _log;
    private Process? _process;

    public HubNode(string name, ChaosOptions options, SimulatorHost simulators, string dataDir)
    {
        Name = name;
        _options = options;
        _simulators = simulators;
        DataDir = dataDir;
        Directory.CreateDirectory(dataDir);
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        LogPath = Path.Combine(options.Work, $"{name}.log");
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
    }

    public string Name { get; }
    public string DataDir { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public int Starts { get; private set; }
    public int Kills { get; private set; }
    public bool IsRunning => _process is { HasExited: false };
    public int? Pid => IsRunning ? _process!.Id : null;

    public async Task StartAsync()
    {
        var exe = _options.Hub.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(exe ? "dotnet" : _options.Hub)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = DataDir,
        };
        if (exe) info.ArgumentList.Add(_options.Hub);
        info.ArgumentList.Add("serve");
        foreach (var a in Arguments()) info.ArgumentList.Add(a);
        lock (_log) _log.WriteLine($"==== chaos: start {Starts + 1} of {Name} at {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        using var http = Client();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);   // a guard against a crash loop, not a timing target
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode} at start {Starts}; see {LogPath}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{Name} did not become ready in 120 s; see {LogPath}");
            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flushing; whatever was in flight is cut off.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);   // SIGKILL on Linux
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        Kills++;
        lock (_log) _log.WriteLine($"==== chaos: kill -9 {Kills} of {Name} at {DateTimeOffset.UtcNow:O}");
    }

    /// <summary>Threads of the live process (from /proc), for the starvation check.</summary>
    public int Threads()
    {
        if (Pid is not int pid) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line["Threads:".Length..].Trim());
        }
        catch (IOException) { return 0; }
    }

    public HttpClient Client(string? apiKey = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
    }

    private IEnumerable<string> Arguments()
    {
        var sim = _simulators.Runtime.Options;
        yield return "--environment=Production";
        yield return $"--urls=http://127.0.0.1:{Port}";
        yield return $"--Hub:DataDir={DataDir}";
        yield return $"--Hub:NodeName={Name}";
        yield return $"--Storage:Provider={_options.Store}";
        if (_options.Postgres is { } cs) yield return $"--Storage:ConnectionString={cs}";
        yield return "--Simulators:Enabled=false";
        yield return "--Demo:Enabled=false";
        yield return "--RateLimiting:PublicPermitLimit=1000000";
        yield return $"--Signatures:TrustAnchors:0={_options.TrustAnchor}";
        string[][] keys = [["portal", "portal", "", PortalKey], ["admin", "admin", "", AdminKey],
            ["trade", "vertical", "trade", TradeKey], ["justice", "vertical", "justice", JusticeKey]];
        for (var i = 0; i < keys.Length; i++)
        {
            yield return $"--Auth:ApiKeys:{i}:Name={keys[i][0]}";
            yield return $"--Auth:ApiKeys:{i}:Role={keys[i][1]}";
            if (keys[i][2].Length > 0) yield return $"--Auth:ApiKeys:{i}:System={keys[i][2]}";
            yield return $"--Auth:ApiKeys:{i}:Key={keys[i][3]}";
        }
        // The hub's delivery defaults, except a shorter lease so rows a killed process held come back within the run.
        yield return $"--Delivery:Lease={_options.Lease:c}";
        foreach (var system in SimulatedSystems.All) yield return $"--Verticals:{system}:BaseUrl={_simulators.UrlOf(system)}";
        foreach (var system in new[] { SimulatedSystems.PlanningInvestment, SimulatedSystems.Justice })
        {
            yield return $"--Verticals:{system}:Username={sim.SoapUser}";
            yield return $"--Verticals:{system}:Password={sim.SoapPassword}";
        }
        yield return $"--Verticals:trade:ClientId={sim.TradeClientId}";
        yield return $"--Verticals:trade:ClientSecret={sim.TradeClientSecret}";
        yield return $"--Verticals:national-portal:ApiKey={sim.NationalPortalApiKey}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (IsRunning) { _process!.Kill(entireProcessTree: true); _process.WaitForExit(); }
        _process?.Dispose();
        _log.Dispose();
    }
}
