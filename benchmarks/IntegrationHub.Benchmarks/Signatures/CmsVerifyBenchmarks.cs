using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Benchmarks.Signatures;

/// <summary>CAdES-B-B detached, RSA-2048 / SHA-256, 4 KiB content: the full hub verify with chain and revocation cached.</summary>
public class CmsDetachedVerifyBenchmarks : VerifyBenchmark
{
    protected override SignedInput CreateSigned(BenchmarkPki pki)
    {
        var content = RandomNumberGenerator.GetBytes(4096);
        var signed = LocalSigner.SignAsync(new CadesSigner(false), content, pki.Signer,
            new SigningParameters(BenchmarkPki.Now.AddDays(-1), HashAlgorithmName.SHA256, [pki.Root])).GetAwaiter().GetResult();
        return new SignedInput("bench.p7s", signed, content);
    }
}

/// <summary>The same signature attached.</summary>
public class CmsAttachedVerifyBenchmarks : VerifyBenchmark
{
    protected override SignedInput CreateSigned(BenchmarkPki pki)
    {
        var content = RandomNumberGenerator.GetBytes(4096);
        var signed = LocalSigner.SignAsync(new CadesSigner(true), content, pki.Signer,
            new SigningParameters(BenchmarkPki.Now.AddDays(-1), HashAlgorithmName.SHA256, [pki.Root])).GetAwaiter().GetResult();
        return new SignedInput("bench.p7s", signed);
    }
}

/// <summary>The floor: one RSA-2048 PKCS#1 verify with the platform (what `openssl speed rsa2048` measures, through .NET).</summary>
[MemoryDiagnoser]
public class RawRsaVerifyBenchmarks
{
    private RSA _rsa = null!;
    private byte[] _hash = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        _hash = SHA256.HashData("benchmark"u8);
        _signature = _rsa.SignHash(_hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Baseline = true)]
    public bool VerifyHash() => _rsa.VerifyHash(_hash, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
