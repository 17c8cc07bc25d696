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
        var pki = new BenchmarkPki();
        var content = new byte[4096];
        var signed = IntegrationHub.Signatures.Creation.LocalSigner.SignAsync(new IntegrationHub.Signatures.Cms.CadesSigner(true), content, pki.Signer,
            new IntegrationHub.Signatures.Creation.SigningParameters(BenchmarkPki.Now, System.Security.Cryptography.HashAlgorithmName.SHA256, [pki.Root])).GetAwaiter().GetResult();
        // The hub's own RSA path (PublicKeys.Verify: a cached OpenSSL verify context per key on Linux) over a parsed certificate.
        var signerPublic = IntegrationHub.Signatures.Cms.CertificateCache.Get(pki.Signer.RawData);
        var hash = System.Security.Cryptography.SHA256.HashData(content);
        var value = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(pki.Signer)!.SignHash(hash, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var pkcs1 = IntegrationHub.Signatures.Validation.SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11");
        bool HubRsa() => IntegrationHub.Signatures.Validation.PublicKeys.Verify(signerPublic, pkcs1, System.Security.Cryptography.HashAlgorithmName.SHA256, hash, value);
        if (!HubRsa()) throw new InvalidOperationException("the hub's RSA verify rejects a good signature");
        for (var round = 0; round < 5; round++)
        {
            var r = PerSecond(() => raw.VerifyHash());
            var h = PerSecond(() => HubRsa());
            var d = PerSecond(() => detached.Verify());
            var a = PerSecond(() => attached.Verify());
            if (Environment.GetEnvironmentVariable("HUB_QUICK_STAGES") == "1")
                Console.WriteLine($"reader only: {PerSecond(() => IntegrationHub.Signatures.Cms.CmsSignatureReader.Read(signed, null, "CADES")):N0}/s, " +
                    $"certificate cache only: {PerSecond(() => IntegrationHub.Signatures.Cms.CertificateCache.Get(pki.Signer.RawData)):N0}/s");
            Console.WriteLine($"round {round}: raw RSA-2048 verify {r:N0}/s, hub RSA path {h:N0}/s, CMS detached verify {d:N0}/s ({d / r:P0}), CMS attached verify {a:N0}/s ({a / r:P0})");
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
