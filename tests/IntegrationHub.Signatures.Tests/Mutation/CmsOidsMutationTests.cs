using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors of Stryker on Cms/CmsOids: the algorithm registry (RFC 8017, RFC 5758, NIST CSOR) entry by entry, the OIDs
/// the signer writes, and hashing of bytes and streams against .NET's incremental hash.
/// </summary>
public sealed class CmsOidsMutationTests
{
    public static TheoryData<string, string> Digests => new()
    {
        { "1.2.840.113549.2.5", "MD5" },
        { "1.3.14.3.2.26", "SHA1" },
        { "2.16.840.1.101.3.4.2.1", "SHA256" },
        { "2.16.840.1.101.3.4.2.2", "SHA384" },
        { "2.16.840.1.101.3.4.2.3", "SHA512" },
        { "2.16.840.1.101.3.4.2.8", "SHA3-256" },
        { "2.16.840.1.101.3.4.2.9", "SHA3-384" },
        { "2.16.840.1.101.3.4.2.10", "SHA3-512" },
    };

    [Theory]
    [MemberData(nameof(Digests))]
    public void Digest_OIDs_map_both_ways(string oid, string name)
    {
        Assert.Equal(new HashAlgorithmName(name), CmsOids.DigestFromOid(oid));
        Assert.Equal(oid, CmsOids.DigestOid(new HashAlgorithmName(name)));
    }

    [Fact]
    public void Unknown_digests_are_named_in_the_error()
    {
        Assert.Null(CmsOids.DigestFromOid("1.2.3.4"));
        Assert.Null(CmsOids.DigestFromOid(""));
        var e = Assert.Throws<ArgumentException>(() => CmsOids.DigestOid(new HashAlgorithmName("WHIRLPOOL")));
        Assert.StartsWith("Unsupported digest algorithm WHIRLPOOL.", e.Message);
        Assert.Equal("name", e.ParamName);
    }

    public static TheoryData<string, string, string?, string?> Signatures => new()
    {
        { "1.2.840.113549.1.1.1", "RSA", "PKCS1", null },
        { "1.2.840.113549.1.1.4", "RSA", "PKCS1", "MD5" },
        { "1.2.840.113549.1.1.5", "RSA", "PKCS1", "SHA1" },
        { "1.2.840.113549.1.1.11", "RSA", "PKCS1", "SHA256" },
        { "1.2.840.113549.1.1.12", "RSA", "PKCS1", "SHA384" },
        { "1.2.840.113549.1.1.13", "RSA", "PKCS1", "SHA512" },
        { "2.16.840.1.101.3.4.3.14", "RSA", "PKCS1", "SHA3-256" },
        { "2.16.840.1.101.3.4.3.15", "RSA", "PKCS1", "SHA3-384" },
        { "2.16.840.1.101.3.4.3.16", "RSA", "PKCS1", "SHA3-512" },
        { "1.2.840.113549.1.1.10", "RSA", "PSS", null },
        { "1.2.840.10045.2.1", "ECDSA", null, null },
        { "1.2.840.10045.4.1", "ECDSA", null, "SHA1" },
        { "1.2.840.10045.4.3.2", "ECDSA", null, "SHA256" },
        { "1.2.840.10045.4.3.3", "ECDSA", null, "SHA384" },
        { "1.2.840.10045.4.3.4", "ECDSA", null, "SHA512" },
        { "2.16.840.1.101.3.4.3.10", "ECDSA", null, "SHA3-256" },
        { "2.16.840.1.101.3.4.3.11", "ECDSA", null, "SHA3-384" },
        { "2.16.840.1.101.3.4.3.12", "ECDSA", null, "SHA3-512" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Signature_OIDs_name_key_padding_and_implied_digest(string oid, string key, string? padding, string? digest)
    {
        var algorithm = CmsOids.SignatureFromOid(oid, out var implied);
        Assert.Equal((key, padding, oid), (algorithm!.KeyAlgorithm, algorithm.Padding, algorithm.Oid));
        Assert.Equal(digest is null ? null : new HashAlgorithmName(digest), implied);
        // The signer writes the OID that names the digest; PSS and the bare key OIDs are never chosen for it.
        if (digest is not null) Assert.Equal(oid, CmsOids.SignatureOid(key, new HashAlgorithmName(digest)));
    }

    [Fact]
    public void Unknown_signature_OIDs_and_pairs_are_refused()
    {
        Assert.Null(CmsOids.SignatureFromOid("1.2.840.113549.1.1.99", out var implied));
        Assert.Null(implied);
        var e = Assert.Throws<ArgumentException>(() => CmsOids.SignatureOid("DSA", HashAlgorithmName.SHA256));
        Assert.Equal("No signature algorithm for DSA with SHA256.", e.Message);
        Assert.Throws<ArgumentException>(() => CmsOids.SignatureOid("ECDSA", HashAlgorithmName.MD5));
    }

    public static TheoryData<string> HashNames => new() { "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "SHA3-256", "SHA3-384", "SHA3-512" };

    [Theory]
    [MemberData(nameof(HashNames))]
    public void Bytes_and_streams_hash_as_dotnet_does(string name)
    {
        var algorithm = new HashAlgorithmName(name);
        if (name.StartsWith("SHA3", StringComparison.Ordinal) && !SHA3_256.IsSupported)
            Assert.Throws<PlatformNotSupportedException>(() => CmsOids.Hash(algorithm, "x"u8));
        else
        {
            var data = new byte[200_000];
            new Random(7).NextBytes(data);
            using var reference = IncrementalHash.CreateHash(algorithm);
            reference.AppendData(data);
            var expected = reference.GetHashAndReset();

            Assert.Equal(expected, CmsOids.Hash(algorithm, data));
            // A seekable stream is hashed from its start, whatever its position; a forward-only one as it comes, in pieces.
            var seekable = new MemoryStream(data) { Position = 1234 };
            Assert.Equal(expected, CmsOids.Hash(algorithm, seekable));
            Assert.Equal(expected, CmsOids.Hash(algorithm, new ForwardOnly(data)));
        }
    }

    [Fact]
    public void Unknown_hash_names_are_refused()
    {
        var e = Assert.Throws<CryptographicException>(() => CmsOids.Hash(new HashAlgorithmName("MD4"), "x"u8));
        Assert.Equal("Unsupported digest algorithm MD4.", e.Message);
    }

    private sealed class ForwardOnly(byte[] data) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 4096), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
