using System.Diagnostics;

namespace IntegrationHub.Benchmarks.Signatures;

/// <summary>
/// `dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- quick`: a few seconds of interleaved
/// rounds measured in process CPU time (raw RSA verify vs full CMS verify), for a quick ratio on a busy machine. BenchmarkDotNet is the reference.
/// </summary>
public static class QuickTiming
{
    public static void Run()
    {
        var raw = new RawRsaVerifyBenchmarks();
        raw.Setup();
        var detached = new CmsDetachedVerifyBenchmarks();
        detached.Setup();
        var attached = new CmsAttachedVerifyBenchmarks();
        attached.Setup();
        for (var round = 0; round < 5; round++)
        {
            var r = PerSecond(() => raw.VerifyHash());
            var d = PerSecond(() => detached.Verify());
            var a = PerSecond(() => attached.Verify());
            Console.WriteLine($"round {round}: raw RSA-2048 verify {r:N0}/s, CMS detached verify {d:N0}/s ({d / r:P0}), CMS attached verify {a:N0}/s ({a / r:P0})");
        }
    }

    /// <summary>Operations per second of CPU time used by this process: steadier than wall time when other processes share the cores.</summary>
    private static double PerSecond(Action action)
    {
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        var cpuStart = process.TotalProcessorTime;
        var count = 0;
        while (watch.ElapsedMilliseconds < 1500) { action(); count++; }
        process.Refresh();
        return count / (process.TotalProcessorTime - cpuStart).TotalSeconds;
    }
}
