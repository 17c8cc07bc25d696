using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Local signing (survivors of the mutation run on Signatures/Creation): the padding the prepared algorithm names,
/// ECDSA as DER, no key no signature, and the value made here is the one Complete receives.
/// </summary>
public sealed class LocalSignerMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Digest = SHA256.HashData("hồ sơ"u8);

    private static X509Certificate2 Rsa()
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest("CN=Local RSA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
    }

    private static X509Certificate2 Ec()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=Local EC", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
    }

    private static PreparedSignature Prepared(X509Certificate2 certificate, SignatureAlgorithm algorithm) =>
        new("test", [1, 2, 3], Digest, HashAlgorithmName.SHA256, algorithm, certificate,
            new SigningParameters(Now, HashAlgorithmName.SHA256), new object());

    [Fact]
    public void RSA_signs_with_PSS_when_the_algorithm_says_PSS_and_PKCS1_otherwise()
    {
        using var certificate = Rsa();
        using var publicKey = certificate.GetRSAPublicKey()!;
        var pss = LocalSigner.SignDigest(certificate, Prepared(certificate, SignatureAlgorithm.RsaPss("1.2.840.113549.1.1.10")));
        Assert.True(publicKey.VerifyHash(Digest, pss, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.False(publicKey.VerifyHash(Digest, pss, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var pkcs1 = LocalSigner.SignDigest(certificate, Prepared(certificate, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11")));
        Assert.True(publicKey.VerifyHash(Digest, pkcs1, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyHash(Digest, pkcs1, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public void ECDSA_signs_as_a_DER_sequence()
    {
        using var certificate = Ec();
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var value = LocalSigner.SignDigest(certificate, Prepared(certificate, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.2")));
        Assert.Equal(0x30, value[0]);
        Assert.True(publicKey.VerifyHash(Digest, value, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task The_value_signed_here_is_the_one_Complete_receives_and_its_result_is_returned()
    {
        using var certificate = Rsa();
        var signer = new RecordingSigner();
        var result = await LocalSigner.SignAsync(signer, [9, 9], certificate, new SigningParameters(Now, HashAlgorithmName.SHA256));
        Assert.Equal([7, 7, 7], result);
        Assert.Equal([9, 9], signer.Document);
        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyHash(Digest, signer.Value!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_signs_nothing()
    {
        using var withKey = Rsa();
        using var withoutKey = X509CertificateLoader.LoadCertificate(withKey.RawData);
        var signer = new RecordingSigner();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            LocalSigner.SignAsync(signer, [9, 9], withoutKey, new SigningParameters(Now, HashAlgorithmName.SHA256)));
        Assert.Equal("certificateWithKey", e.ParamName);
        Assert.Null(signer.Document);
    }

    private sealed class RecordingSigner : IDocumentSigner
    {
        public byte[]? Document { get; private set; }
        public byte[]? Value { get; private set; }
        public string Mode => "test";

        public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
        {
            Document = document;
            return Prepared(signerCertificate, SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11"));
        }

        public Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps,
            CancellationToken cancellationToken = default)
        {
            Value = signatureValue;
            return Task.FromResult<byte[]>([7, 7, 7]);
        }
    }
}
