using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// The XML-DSig algorithm registry entry by entry, against the URIs of RFC 6931 and XML-DSig 1.1 written out here (a
/// typo in one would make the hub unable to read, or other verifiers unable to read, that algorithm), and the r||s to
/// DER conversion of ECDSA values (RFC 4050 / RFC 3279).
/// </summary>
public sealed class XmlAlgorithmsMutationTests
{
    public static TheoryData<string, string, string, string?, string> SignatureMethods => new()
    {
        { "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "SHA1", "RSA", "PKCS1", "1.2.840.113549.1.1.5" },
        { "http://www.w3.org/2001/04/xmldsig-more#rsa-md5", "MD5", "RSA", "PKCS1", "1.2.840.113549.1.1.4" },
        { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "SHA256", "RSA", "PKCS1", "1.2.840.113549.1.1.11" },
        { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "SHA384", "RSA", "PKCS1", "1.2.840.113549.1.1.12" },
        { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "SHA512", "RSA", "PKCS1", "1.2.840.113549.1.1.13" },
        { "http://www.w3.org/2021/04/xmldsig-more#rsa-sha3-256", "SHA3-256", "RSA", "PKCS1", "2.16.840.1.101.3.4.3.14" },
        { "http://www.w3.org/2021/04/xmldsig-more#rsa-sha3-384", "SHA3-384", "RSA", "PKCS1", "2.16.840.1.101.3.4.3.15" },
        { "http://www.w3.org/2021/04/xmldsig-more#rsa-sha3-512", "SHA3-512", "RSA", "PKCS1", "2.16.840.1.101.3.4.3.16" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", "SHA256", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", "SHA384", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", "SHA512", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1", "SHA3-256", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa-MGF1", "SHA3-384", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1", "SHA3-512", "RSA", "PSS", "1.2.840.113549.1.1.10" },
        { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", "SHA1", "ECDSA", null, "1.2.840.10045.4.1" },
        { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "SHA256", "ECDSA", null, "1.2.840.10045.4.3.2" },
        { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "SHA384", "ECDSA", null, "1.2.840.10045.4.3.3" },
        { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "SHA512", "ECDSA", null, "1.2.840.10045.4.3.4" },
        { "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-256", "SHA3-256", "ECDSA", null, "2.16.840.1.101.3.4.3.10" },
        { "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-384", "SHA3-384", "ECDSA", null, "2.16.840.1.101.3.4.3.11" },
        { "http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-512", "SHA3-512", "ECDSA", null, "2.16.840.1.101.3.4.3.12" },
    };

    [Theory]
    [MemberData(nameof(SignatureMethods))]
    public void Signature_method_URIs_name_their_hash_key_padding_and_OID(
        string uri, string hash, string key, string? padding, string oid)
    {
        var method = XmlAlgorithms.FindSignatureMethod(uri);
        Assert.NotNull(method);
        Assert.Equal(uri, method.Uri);
        Assert.Equal(new HashAlgorithmName(hash), method.Hash);
        Assert.Equal(key, method.Algorithm.KeyAlgorithm);
        Assert.Equal(padding, method.Algorithm.Padding);
        Assert.Equal(oid, method.Algorithm.Oid);
    }

    [Theory]
    [MemberData(nameof(SignatureMethods))]
    public void The_signer_writes_the_URI_it_reads(string uri, string hash, string key, string? padding, string oid)
    {
        _ = oid;
        var method = XmlAlgorithms.SignatureMethodFor(key, new HashAlgorithmName(hash), padding == "PSS");
        Assert.Equal(uri, method.Uri);
    }

    [Fact]
    public void Unknown_signature_methods_are_not_found_and_not_written()
    {
        Assert.Null(XmlAlgorithms.FindSignatureMethod(null));
        Assert.Null(XmlAlgorithms.FindSignatureMethod(""));
        Assert.Null(XmlAlgorithms.FindSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#RSA-SHA256"));
        var e = Assert.Throws<NotSupportedException>(
            () => XmlAlgorithms.SignatureMethodFor("RSA", new HashAlgorithmName("SHA224"), pss: true));
        Assert.Equal("No XML signature method for RSA-PSS with SHA224.", e.Message);
        e = Assert.Throws<NotSupportedException>(
            () => XmlAlgorithms.SignatureMethodFor("DSA", HashAlgorithmName.SHA256, pss: false));
        Assert.Equal("No XML signature method for DSA with SHA256.", e.Message);
    }

    [Fact]
    public void ECDSA_ignores_the_PSS_flag()
    {
        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            XmlAlgorithms.SignatureMethodFor("ECDSA", HashAlgorithmName.SHA256, pss: true).Uri);
    }

    public static TheoryData<string, string> DigestMethods => new()
    {
        { "http://www.w3.org/2000/09/xmldsig#sha1", "SHA1" },
        { "http://www.w3.org/2001/04/xmldsig-more#md5", "MD5" },
        { "http://www.w3.org/2001/04/xmlenc#sha256", "SHA256" },
        { "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA384" },
        { "http://www.w3.org/2001/04/xmlenc#sha512", "SHA512" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-256", "SHA3-256" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-384", "SHA3-384" },
        { "http://www.w3.org/2007/05/xmldsig-more#sha3-512", "SHA3-512" },
    };

    [Theory]
    [MemberData(nameof(DigestMethods))]
    public void Digest_method_URIs_map_both_ways(string uri, string hash)
    {
        Assert.Equal(new HashAlgorithmName(hash), XmlAlgorithms.FindDigestMethod(uri));
        Assert.Equal(uri, XmlAlgorithms.DigestUriFor(new HashAlgorithmName(hash)));
    }

    [Fact]
    public void Unknown_digest_methods_are_not_found_and_not_written()
    {
        Assert.Null(XmlAlgorithms.FindDigestMethod(null));
        Assert.Null(XmlAlgorithms.FindDigestMethod("http://www.w3.org/2001/04/xmlenc#sha224"));
        var e = Assert.Throws<NotSupportedException>(() => XmlAlgorithms.DigestUriFor(new HashAlgorithmName("SHA224")));
        Assert.Equal("No XML digest method for SHA224.", e.Message);
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA512")]
    public void Hashing_bytes_and_streams_gives_the_standard_digest(string name)
    {
        var data = Encoding.UTF8.GetBytes("hồ sơ 000.00.00.H01-261128-0001");
        var hash = new HashAlgorithmName(name);
        using var incremental = IncrementalHash.CreateHash(hash);
        incremental.AppendData(data);
        var expected = incremental.GetHashAndReset();

        Assert.Equal(expected, XmlAlgorithms.Hash(hash, data));
        Assert.Equal(expected, XmlAlgorithms.Hash(hash, new MemoryStream(data)));
    }

    [Fact]
    public void Raw_ECDSA_values_become_DER_integers_without_leading_zeros()
    {
        byte[] raw = [0x00, 0x00, 0x01, 0x02, 0x80, 0x00, 0x00, 0x03];
        var der = EcdsaSignatureEncoding.RawToDer(raw);

        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal([0x01, 0x02], sequence.ReadIntegerBytes().ToArray());
        // 0x80… is positive in r||s, so DER needs a leading zero byte to keep it positive.
        Assert.Equal([0x00, 0x80, 0x00, 0x00, 0x03], sequence.ReadIntegerBytes().ToArray());
        Assert.False(sequence.HasData);
        Assert.Equal(raw, EcdsaSignatureEncoding.DerToRaw(der, 4));
    }

    [Fact]
    public void An_all_zero_half_is_the_integer_zero()
    {
        byte[] raw = [0x00, 0x00, 0x00, 0x05];
        var der = EcdsaSignatureEncoding.RawToDer(raw);
        Assert.Equal(Convert.FromHexString("3006020100020105"), der);
        Assert.Equal(raw, EcdsaSignatureEncoding.DerToRaw(der, 2));
    }

    [Fact]
    public void Real_ECDSA_signatures_survive_the_round_trip_and_still_verify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var data = Encoding.UTF8.GetBytes("to be signed");
        for (var i = 0; i < 20; i++)
        {
            var raw = key.SignData(data, HashAlgorithmName.SHA384);
            var der = EcdsaSignatureEncoding.RawToDer(raw);
            Assert.True(key.VerifyData(data, der, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence));
            Assert.Equal(raw, EcdsaSignatureEncoding.DerToRaw(der, 48));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("010203")]
    public void Raw_values_without_two_equal_halves_are_refused(string hex)
    {
        var e = Assert.Throws<FormatException>(() => EcdsaSignatureEncoding.RawToDer(Convert.FromHexString(hex)));
        Assert.Equal("An r||s ECDSA value must have two halves of equal length.", e.Message);
    }

    [Theory]
    [InlineData("3006020101020101", 2, "00010001")]
    [InlineData("3007020200ff020101", 1, "ff01")] // 0x00ff is 255: the sign byte is not part of the value
    public void DER_integers_are_placed_right_aligned_in_their_half(string hex, int fieldSize, string rawHex)
    {
        Assert.Equal(Convert.FromHexString(rawHex), EcdsaSignatureEncoding.DerToRaw(Convert.FromHexString(hex), fieldSize));
    }

    [Theory]
    [InlineData("300702020102020101")] // r has two bytes, the field one
    [InlineData("30060201ff020101")]   // r is negative
    [InlineData("30060201010201ff")]   // s is negative
    public void DER_integers_that_do_not_fit_the_field_or_are_negative_are_refused(string hex)
    {
        var e = Assert.Throws<FormatException>(() => EcdsaSignatureEncoding.DerToRaw(Convert.FromHexString(hex), 1));
        Assert.Equal("An ECDSA integer does not fit the curve's field size.", e.Message);
    }

    [Theory]
    [InlineData("3006020101020101" + "00")] // bytes after the SEQUENCE
    [InlineData("3009020101020101020101")]   // a third INTEGER
    [InlineData("3003020101")]               // only one INTEGER
    [InlineData("0401ff")]                   // not a SEQUENCE
    public void DER_that_is_not_exactly_two_integers_is_refused(string hex)
    {
        var e = Assert.Throws<FormatException>(() => EcdsaSignatureEncoding.DerToRaw(Convert.FromHexString(hex), 32));
        Assert.Equal("The ECDSA value is not a DER SEQUENCE of two INTEGERs.", e.Message);
    }
}
