using System.Numerics;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Signatures.Tests.Timestamps;

/// <summary>`openssl ts -reply` as an independent TSA: the hub's query in, openssl's response out, checked like any TSA's.</summary>
public sealed class OpenSslTsaClient(TestPki pki) : ITimestampClient
{
    public Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        var imprint = CmsOids.Hash(digestAlgorithm, data);
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        var id = Guid.NewGuid().ToString("N");
        var query = pki.Path(id + ".tsq");
        var reply = pki.Path(id + ".tsr");
        File.WriteAllBytes(query, TimestampClient.Request(digestAlgorithm, imprint, nonce));
        File.WriteAllText(pki.Path("serial"), "01\n");
        var config = pki.Path("tsa.cnf");
        File.WriteAllText(config, $"""
            [ tsa ]
            default_tsa = tsa_config1
            [ tsa_config1 ]
            serial = {pki.Path("serial")}
            crypto_device = builtin
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ess_cert_id_alg = sha256
            """);
        Tools.OpenSsl("ts", "-reply", "-config", config, "-queryfile", query, "-signer", pki.Path("tsa.pem"), "-inkey", pki.Path("tsa.key"), "-out", reply);
        return Task.FromResult(TimestampClient.CheckResponse(File.ReadAllBytes(reply), digestAlgorithm, imprint, nonce));
    }
}
