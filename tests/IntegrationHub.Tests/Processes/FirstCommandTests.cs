using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Processes;

[CollectionDefinition("first-command", DisableParallelization = true)]
public sealed class FirstCommandCollection;

/// <summary>
/// The README's first command on a fresh copy of the repository: `dotnet run --project src/IntegrationHub` must start
/// the hub with the demo, and dossiers must flow (accepted, delivered, status back from the simulated ministry) within a
/// minute of the hub listening. Building takes its own time first (the copy has no bin/obj), hence the long timeout.
/// </summary>
[Collection("first-command")]
public sealed partial class FirstCommandTests
{
    private static readonly TimeSpan BuildAndStartTimeout = TimeSpan.FromMinutes(15); // a cold build on a busy 2-core machine took 7 min
    private static readonly TimeSpan FlowWithin = TimeSpan.FromMinutes(1);

    [RequiresToolFact("dotnet")]
    public async Task Dotnet_run_on_a_fresh_copy_starts_the_hub_and_dossiers_flow_to_the_ministries_and_back_within_a_minute()
    {
        var copy = CopyCommittedFiles();
        var port = IntegrationHub.Signatures.Tests.LoopbackPorts.Free();
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The command exactly as the README gives it; only the port is moved (URLS wins over the launch profile's URL)
        // so the test does not meet a hub a developer is running on 5080.
        var start = new ProcessStartInfo("dotnet", "run --project src/IntegrationHub")
        {
            WorkingDirectory = copy,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";  // no build server left behind after the test
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT"); // the launch profile sets Development, as for a newcomer

        using var process = Process.Start(start)!;
        void Read(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            if (line.Contains(" listening on ", StringComparison.Ordinal)) listening.TrySetResult(line);
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(BuildAndStartTimeout));
            Assert.True(started == listening.Task, $"the hub did not start within {BuildAndStartTimeout} (exited: {process.HasExited})\n{Tail(output)}");
            var since = TimeProvider.System.GetTimestamp(); // the test's own wait for an external process
            var baseUrl = $"http://127.0.0.1:{port}";
            await Task.Delay(500); // the rest of the banner
            var banner = string.Join('\n', output);
            foreach (var path in new[] { "/ ", "/leaders/", "/admin/", "/login", "/hangfire", "/openapi" })
                Assert.Contains($"{baseUrl}{path}", banner);
            var adminKey = AdminKeyLine().Match(banner) is { Success: true } m ? m.Groups[1].Value
                : throw new Xunit.Sdk.XunitException($"no development admin key in the banner\n{banner}");

            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };
            http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
            string? flowed = null;
            while (flowed is null && TimeProvider.System.GetElapsedTime(since) < FlowWithin)
            {
                flowed = await FindFlowedDossierAsync(http);
                if (flowed is null) await Task.Delay(1000);
            }
            Assert.True(flowed is not null, $"no demo dossier was accepted, delivered and given a status by its ministry within {FlowWithin}\n{Tail(output)}");

            // The history is written in the background: a few thousand dossiers over the past months.
            long received = 0;
            while (TimeProvider.System.GetElapsedTime(since) < FlowWithin + TimeSpan.FromMinutes(2))
            {
                received = await HistoryReceivedAsync(http);
                if (received >= 2000) break;
                await Task.Delay(2000);
            }
            Assert.True(received >= 2000, $"/api/v1/public/stats shows {received} dossiers, not the demo history\n{Tail(output)}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A live dossier (sequence 5001 and up) delivered to its vertical system whose status came back (2 or more).</summary>
    private static async Task<string?> FindFlowedDossierAsync(HttpClient http)
    {
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/admin/deliveries?state=delivered&pageSize=100"));
        foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
        {
            var code = item.GetProperty("dossierCode").GetString()!;
            if (item.GetProperty("system").GetString() == "national-portal" || int.Parse(code[(code.LastIndexOf('-') + 1)..]) < 5001) continue;
            using var dossier = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/dossiers/{code}"));
            var d = dossier.RootElement;
            var documents = d.GetProperty("documents").EnumerateArray().ToList();
            var allSigned = documents.Count > 0 && documents.All(doc => doc.GetProperty("report").GetProperty("indication").GetString() == "TOTAL_PASSED");
            var history = d.GetProperty("history").EnumerateArray().ToList();
            if (allSigned && d.GetProperty("status").GetInt32() >= 2 && history.Count > 0 && history[0].GetProperty("official").ValueKind == JsonValueKind.Object)
                return code;
        }
        return null;
    }

    private static async Task<long> HistoryReceivedAsync(HttpClient http)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        using var stats = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/public/stats?from={today.AddDays(-200):yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        return stats.RootElement.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("received").GetInt64());
    }

    /// <summary>The repository's committed files (git ls-files) in a fresh temporary folder: what a fresh clone holds.</summary>
    private static string CopyCommittedFiles()
    {
        var root = RepositoryRoot();
        var git = Process.Start(new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("git did not start");
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.True(git.ExitCode == 0 && files.Length > 0, $"git ls-files failed in {root}");
        var copy = Directory.CreateTempSubdirectory("hub-first-command-").FullName;
        foreach (var file in files)
        {
            var from = Path.Combine(root, file);
            if (!File.Exists(from)) continue; // deleted in the working tree, not yet committed
            var to = Path.Combine(copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
        return copy;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("IntegrationHub.sln not found above the test binaries");
    }


    private static string Tail(IEnumerable<string> lines) => string.Join('\n', lines.TakeLast(60));

    [GeneratedRegex(@"^\s+admin\s+([0-9a-f]{48})\s*$", RegexOptions.Multiline)]
    private static partial Regex AdminKeyLine();
}
