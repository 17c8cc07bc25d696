using System.Security.Cryptography;
using IntegrationHub.Benchmarks.Signatures;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Benchmarks.Pdf;

/// <summary>Full validation rate of a small PAdES-B-B PDF (one page), on the shared verify harness.</summary>
public class SmallPdfVerifyBenchmarks : VerifyBenchmark
{
    protected override SignedInput CreateSigned(BenchmarkPki pki)
    {
        var signed = LocalSigner.SignAsync(new PadesSigner(), LargeSignedPdf.Unsigned(0), pki.Signer,
            new SigningParameters(BenchmarkPki.Now.AddMinutes(-5), HashAlgorithmName.SHA256)).GetAwaiter().GetResult();
        return new SignedInput("small.pdf", signed);
    }
}
