using System.Formats.Asn1;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Creation.Pkcs11;
using Net.Pkcs11Interop.Common;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// What goes into and comes out of a PKCS#11 token (survivors of the mutation run on Signatures/Creation), checked
/// against what .NET itself produces and verifies: the DigestInfo CKM_RSA_PKCS pads, the PSS constants, and the
/// DER form of an ECDSA r||s value.
/// </summary>
public sealed class Pkcs11SignatureValuesMutationTests
{
    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void DigestInfo_signed_with_raw_PKCS1_padding_verifies_as_a_PKCS1_signature_of_that_hash(string name)
    {
        // CKM_RSA_PKCS only pads: RSA over the DigestInfo must equal a .NET PKCS#1 v1.5 signature of the hash.
        var algorithm = new HashAlgorithmName(name);
        var digest = HashOf(algorithm, "hồ sơ"u8.ToArray());
        using var rsa = RSA.Create(2048);
        var expected = rsa.SignHash(digest, algorithm, RSASignaturePadding.Pkcs1);

        var info = Pkcs11SignatureValues.DigestInfo(algorithm, digest);
        var reader = new AsnReader(info, AsnEncodingRules.DER).ReadSequence();
        var algorithmId = reader.ReadSequence();
        Assert.Equal(Oid(name), algorithmId.ReadObjectIdentifier());
        algorithmId.ReadNull();
        Assert.Equal(digest, reader.ReadOctetString());
        Assert.False(reader.HasData);
        Assert.True(rsa.VerifyHash(digest, expected, algorithm, RSASignaturePadding.Pkcs1));
        Assert.Equal(expected, RawPkcs1Sign(rsa, info));
    }

    [Fact]
    public void DigestInfo_refuses_a_hash_without_a_known_OID()
    {
        var e = Assert.Throws<NotSupportedException>(() => Pkcs11SignatureValues.DigestInfo(HashAlgorithmName.MD5, new byte[16]));
        Assert.Contains("MD5", e.Message);
    }

    [Fact]
    public void PSS_parameters_name_the_same_hash_for_the_digest_and_MGF1()
    {
        Assert.Equal((CKM.CKM_SHA256, CKG.CKG_MGF1_SHA256), Pkcs11SignatureValues.PssParameters(HashAlgorithmName.SHA256));
        Assert.Equal((CKM.CKM_SHA384, CKG.CKG_MGF1_SHA384), Pkcs11SignatureValues.PssParameters(HashAlgorithmName.SHA384));
        Assert.Equal((CKM.CKM_SHA512, CKG.CKG_MGF1_SHA512), Pkcs11SignatureValues.PssParameters(HashAlgorithmName.SHA512));
        var e = Assert.Throws<NotSupportedException>(() => Pkcs11SignatureValues.PssParameters(HashAlgorithmName.SHA1));
        Assert.Contains("SHA1", e.Message);
    }

    [Fact]
    public void An_IEEE_P1363_ECDSA_value_becomes_the_DER_value_dotnet_verifies()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var digest = SHA256.HashData("hồ sơ"u8);
        // Sign until r or s has a leading zero byte, so the minimal-encoding rule is exercised too (1 in 128 per try).
        for (var i = 0; i < 2000; i++)
        {
            var rs = ec.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var der = Pkcs11SignatureValues.EcdsaToDer(rs);
            Assert.True(ec.VerifyHash(digest, der, DSASignatureFormat.Rfc3279DerSequence));
            // AsnReader in DER mode rejects redundant leading zeros.
            var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            Assert.Equal(rs[..32], Padded(sequence.ReadIntegerBytes().ToArray()));
            Assert.Equal(rs[32..], Padded(sequence.ReadIntegerBytes().ToArray()));
            if (rs[0] == 0 || rs[32] == 0) return;
        }
        Assert.Fail("no signature with a leading zero byte in 2000 tries");
    }

    [Fact]
    public void A_zero_half_stays_one_zero_byte()
    {
        Assert.Equal([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00], Pkcs11SignatureValues.EcdsaToDer(new byte[4]));
        Assert.Equal([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02], Pkcs11SignatureValues.EcdsaToDer([0x00, 0x01, 0x00, 0x02]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    public void A_value_that_is_not_r_and_s_of_equal_length_is_refused(int length)
    {
        var e = Assert.Throws<Pkcs11KeyException>(() => Pkcs11SignatureValues.EcdsaToDer(new byte[length]));
        Assert.Contains($"{length} bytes", e.Message);
    }

    private static byte[] HashOf(HashAlgorithmName algorithm, byte[] data) =>
        algorithm.Name == "SHA1" ? SHA1.HashData(data) : algorithm.Name == "SHA256" ? SHA256.HashData(data)
        : algorithm.Name == "SHA384" ? SHA384.HashData(data) : SHA512.HashData(data);

    private static string Oid(string name) => name switch
    {
        "SHA1" => "1.3.14.3.2.26", "SHA256" => "2.16.840.1.101.3.4.2.1",
        "SHA384" => "2.16.840.1.101.3.4.2.2", _ => "2.16.840.1.101.3.4.2.3",
    };

    /// <summary>EMSA-PKCS1-v1_5 padding of a DigestInfo and the raw RSA operation: what a token does for CKM_RSA_PKCS.</summary>
    private static byte[] RawPkcs1Sign(RSA rsa, byte[] digestInfo)
    {
        var p = rsa.ExportParameters(true);
        var k = p.Modulus!.Length;
        var em = new byte[k];
        em[1] = 0x01;
        for (var i = 2; i < k - digestInfo.Length - 1; i++) em[i] = 0xFF;
        digestInfo.CopyTo(em, k - digestInfo.Length);
        var n = new System.Numerics.BigInteger(p.Modulus, isUnsigned: true, isBigEndian: true);
        var d = new System.Numerics.BigInteger(p.D!, isUnsigned: true, isBigEndian: true);
        var m = new System.Numerics.BigInteger(em, isUnsigned: true, isBigEndian: true);
        var s = System.Numerics.BigInteger.ModPow(m, d, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[k];
        s.CopyTo(result, k - s.Length);
        return result;
    }

    private static byte[] Padded(byte[] integer)
    {
        var trimmed = integer.SkipWhile((b, i) => b == 0 && i < integer.Length - 1).ToArray();
        var result = new byte[32];
        trimmed.CopyTo(result, 32 - trimmed.Length);
        return result;
    }
}
