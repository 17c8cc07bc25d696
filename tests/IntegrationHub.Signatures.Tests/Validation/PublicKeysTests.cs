using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Validation;

/// <summary>
/// <see cref="PublicKeys.Verify"/> verifies RSA PKCS#1 v1.5 through a cached OpenSSL context on Linux: its answers must
/// be .NET's own (<see cref="RSA.VerifyHash(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/>) for good,
/// broken and malformed values, from many threads at once, and its native contexts must be freed with their keys.
/// </summary>
public sealed class PublicKeysTests
{
    private static readonly SignatureAlgorithm Pkcs1 = SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11");

    private static (X509Certificate2 Certificate, RSA Key) NewRsaCertificate(int bits = 2048)
    {
        var key = RSA.Create(bits);
        var request = new CertificateRequest("CN=PublicKeysTests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        using var withKey = request.CreateSelfSigned(now, now.AddYears(1));
        // A certificate without its private key, as signatures carry them.
        return (X509CertificateLoader.LoadCertificate(withKey.RawData), key);
    }

    [Fact]
    public void Rsa_keys_use_the_cached_OpenSSL_context_on_Linux()
    {
        var (certificate, _) = NewRsaCertificate();
        Assert.Equal(OperatingSystem.IsLinux(), PublicKeys.Get(certificate).OpenSsl is not null);
    }

    [Theory]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Answers_are_those_of_dotnet_RSA_for_good_broken_and_malformed_values(string hashName)
    {
        var (certificate, key) = NewRsaCertificate();
        var hash = new HashAlgorithmName(hashName);
        var digest = CmsOids.Hash(hash, "signed content"u8);
        var good = key.SignHash(digest, hash, RSASignaturePadding.Pkcs1);
        var flipped = (byte[])good.Clone();
        flipped[^1] ^= 1;
        var otherDigest = CmsOids.Hash(hash, "other content"u8);
        var sha1Digest = SHA1.HashData("signed content"u8);
        var sha256Signature = key.SignHash(SHA256.HashData("signed content"u8), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var cases = new (byte[] Digest, byte[] Signature)[]
        {
            (digest, good), (digest, flipped), (otherDigest, good), (digest, good[..^1]), (digest, [.. good, 0]), (digest, []),
            (digest, new byte[good.Length]), (digest[..^1], good), (sha1Digest, good),
            // A value made with another digest algorithm: the DigestInfo inside names SHA-256.
            (digest, sha256Signature),
        };
        foreach (var (d, s) in cases)
        {
            var expected = DotNetVerify(certificate, d, s, hash);
            Assert.Equal(expected, PublicKeys.Verify(certificate, Pkcs1, hash, d, s));
        }
        Assert.True(PublicKeys.Verify(certificate, Pkcs1, hash, digest, good));
        Assert.False(PublicKeys.Verify(certificate, Pkcs1, hash, digest, flipped));
        // The error queue a failure leaves behind is cleared: .NET's next operation on this thread still works.
        Assert.True(key.VerifyHash(digest, good, hash, RSASignaturePadding.Pkcs1));
    }

    private static bool DotNetVerify(X509Certificate2 certificate, byte[] digest, byte[] signature, HashAlgorithmName hash)
    {
        using var rsa = certificate.GetRSAPublicKey()!;
        try { return rsa.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1); }
        catch (CryptographicException) { return false; }
    }

    [Fact]
    public void Many_threads_verifying_with_one_key_get_the_right_answers()
    {
        var (certificate, key) = NewRsaCertificate();
        var digest = SHA256.HashData("parallel"u8);
        var good = key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var bad = (byte[])good.Clone();
        bad[10] ^= 0x40;
        var wrong = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var expected = i % 3 != 0;
            if (PublicKeys.Verify(certificate, Pkcs1, HashAlgorithmName.SHA256, digest, expected ? good : bad) != expected)
                Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task Keys_of_collected_certificates_are_released()
    {
        // The contexts and key handles are SafeHandles: finalizing them must complete (a hang here would be a native lock).
        var weak = VerifyWithThrowawayCertificates(20);
        GC.Collect();
        // Bounded, so that a finalizer stuck on a lock fails this test by name rather than hanging the run.
        await Task.Run(GC.WaitForPendingFinalizers).WaitAsync(TimeSpan.FromSeconds(60));
        GC.Collect();
        Assert.All(weak, w => Assert.False(w.TryGetTarget(out _)));
    }

    private static List<WeakReference<X509Certificate2>> VerifyWithThrowawayCertificates(int count)
    {
        var weak = new List<WeakReference<X509Certificate2>>();
        for (var i = 0; i < count; i++)
        {
            var (certificate, key) = NewRsaCertificate();
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            Assert.True(PublicKeys.Verify(certificate, Pkcs1, HashAlgorithmName.SHA256, digest, key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
            weak.Add(new WeakReference<X509Certificate2>(certificate));
            key.Dispose();
        }
        return weak;
    }

    [Fact]
    public void Certificate_cache_hands_out_one_object_per_DER_and_never_mixes_certificates()
    {
        var (a, _) = NewRsaCertificate();
        var (b, _) = NewRsaCertificate();
        var first = CertificateCache.Get(a.RawData);
        Assert.Same(first, CertificateCache.Get(a.RawData.ToArray()));
        Assert.Equal(a.RawData, first.RawData);
        var other = CertificateCache.Get(b.RawData);
        Assert.NotSame(first, other);
        Assert.Equal(b.RawData, other.RawData);
        // A prefix of a certificate's DER is another key (and not a certificate).
        Assert.ThrowsAny<CryptographicException>(() => CertificateCache.Get(a.RawData.AsSpan(0, a.RawData.Length - 1)));
    }
}
