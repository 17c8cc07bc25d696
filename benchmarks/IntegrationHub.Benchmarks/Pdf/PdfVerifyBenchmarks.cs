using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Benchmarks.Pdf;

/// <summary>
/// Verifying one large signed PDF (64 MiB): our PDF reader alone, our whole validation, and poppler's pdfsig
/// (a process per run, -nocert -no-ocsp, so it also only checks the signature and the /ByteRange digest).
/// Measured 2026-11-28 on the shared 2-core machine (noisy, other benchmarks running): pdfsig 877 ms-1.98 s,
/// our reader 214-239 ms, our full validation 164-309 ms, ~1.2 MB allocated per run whatever the file size.
/// As processes (run-pdf-vs-pdfsig.sh): `hub verify` 1.5-3.5 s vs pdfsig 1.1 s, of which ~2 s is `hub`'s cold start
/// (a small signed PDF also takes ~2 s): the PDF work itself is faster than pdfsig's, the process start is not.
/// dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter 'IntegrationHub.Benchmarks.Pdf.*' --inProcess
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class PdfVerifyBenchmarks
{
    /// <summary>In-process: on this shared 2-core machine the generated-project build of BenchmarkDotNet times out.</summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }

    private string _path = "";
    private X509Certificate2 _root = null!;
    private SignatureValidator _validator = null!;
    private ValidationOptions _options = null!;

    [Params(64)]
    public int SizeMiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"hub-bench-{SizeMiB}mib.pdf");
        (_, _root) = LargeSignedPdf.Create(_path, SizeMiB * 1024L * 1024);
        _validator = new SignatureValidator(TimeProvider.System);
        _options = new ValidationOptions(new CertificatePathValidator(new TrustStore([_root]), new RevocationOptions { Require = false }, TimeProvider.System));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // run-pdf-vs-pdfsig.sh keeps the file to time `hub verify` and pdfsig as processes afterwards.
        if (Environment.GetEnvironmentVariable("HUB_BENCH_KEEP") == "1") return;
        File.Delete(_path);
        File.Delete(Path.ChangeExtension(_path, ".root.pem"));
    }

    [Benchmark(Baseline = true)]
    public int Pdfsig()
    {
        var info = new ProcessStartInfo("pdfsig") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-nocert", "-no-ocsp", _path }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (!output.Contains("Signature is Valid.")) throw new InvalidOperationException("pdfsig did not validate the benchmark file: " + output);
        return output.Length;
    }

    [Benchmark]
    public int HubPdfReader()
    {
        using var stream = File.OpenRead(_path);
        return new PdfSignatureFormat().Read(new SignedFile("bench.pdf", stream)).Count;
    }

    [Benchmark]
    public string HubValidate()
    {
        using var stream = File.OpenRead(_path);
        var report = _validator.Validate(new SignedFile("bench.pdf", stream), _options);
        if (report.Indication != Indication.TotalPassed) throw new InvalidOperationException("not passed: " + string.Join("; ", report.Signatures.SelectMany(s => s.Errors)));
        return report.Indication;
    }
}
