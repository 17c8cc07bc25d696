using BenchmarkDotNet.Attributes;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Benchmarks.Signatures;

/// <summary>
/// The verify harness every format shares: a signed file made once in setup, then validated in full (sniff, parse,
/// hash, crypto, path from the cache) per operation. A format adds a subclass that only makes its signed file:
/// <c>public class XmlVerifyBenchmarks : VerifyBenchmark { protected override SignedInput CreateSigned(BenchmarkPki pki) => ...; }</c>
/// </summary>
[MemoryDiagnoser]
public abstract class VerifyBenchmark
{
    protected sealed record SignedInput(string Name, byte[] File, byte[]? DetachedContent = null);

    private SignedInput _input = null!;
    private SignatureValidator _validator = null!;
    private ValidationOptions _options = null!;

    protected abstract SignedInput CreateSigned(BenchmarkPki pki);

    [GlobalSetup]
    public void Setup()
    {
        var pki = new BenchmarkPki();
        var time = new FixedTime(BenchmarkPki.Now);
        _input = CreateSigned(pki);
        _validator = new SignatureValidator(time);
        _options = new ValidationOptions(pki.PathValidator(time)) { At = BenchmarkPki.Now };
        var report = Run();
        if (report.Indication != Indication.TotalPassed)
            throw new InvalidOperationException($"The benchmark input does not validate: {ReportText.Format(report)}");
    }

    [Benchmark]
    public string Verify() => Run().Indication;

    private ValidationReport Run() => _validator.Validate(
        new SignedFile(_input.Name, new MemoryStream(_input.File, 0, _input.File.Length, false, true),
            _input.DetachedContent is null ? null : new MemoryStream(_input.DetachedContent, false)),
        _options);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
