using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>TEST ONLY: an in-process RFC 3161 TSA on BouncyCastle, stamping at a fixed time (no network).</summary>
internal sealed class TestTimestampClient(X509Certificate2 tsa, DateTimeOffset time) : ITimestampClient
{
    public int Calls { get; private set; }

    public Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        Calls++;
        var bcCert = DotNetUtilities.FromX509Certificate(tsa);
        using var rsa = tsa.GetRSAPrivateKey()!;
        var key = DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true)).Private;
        var generator = new TimeStampTokenGenerator(key, bcCert, TspAlgorithms.Sha256, "1.2.3.4.1");
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { bcCert }));
        var requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.SetCertReq(true); // BouncyCastle includes the TSA certificate only when asked to
        var request = requestGenerator.Generate(TspAlgorithms.Sha256, SHA256.HashData(data), BigInteger.ValueOf(Calls));
        var response = new TimeStampResponseGenerator(generator, TspAlgorithms.Allowed).Generate(request, BigInteger.ValueOf(Calls), time.UtcDateTime);
        return Task.FromResult(response.TimeStampToken.GetEncoded());
    }
}
