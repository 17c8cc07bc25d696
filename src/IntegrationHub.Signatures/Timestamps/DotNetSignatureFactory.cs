using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;

namespace IntegrationHub.Signatures.Timestamps;

/// <summary>
/// BouncyCastle's signature factory interface over .NET's RSA / ECDSA (OpenSSL underneath), SHA-256: the TSA signs each
/// token ~10× faster than with BouncyCastle's managed RSA, which was most of the cost of a timestamp on the hub's own TSA.
/// </summary>
internal sealed class DotNetSignatureFactory(AsymmetricAlgorithm key) : ISignatureFactory
{
    public object AlgorithmDetails { get; } = key is ECDsa
        ? new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256)
        : new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(AsymmetricAlgorithm key) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream _data = new();

        public Stream Stream => _data;

        public IBlockResult GetResult()
        {
            var data = _data.ToArray();
            var signature = key switch
            {
                RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                _ => throw new NotSupportedException(key.GetType().Name),
            };
            return new SimpleBlockResult(signature);
        }
    }
}
