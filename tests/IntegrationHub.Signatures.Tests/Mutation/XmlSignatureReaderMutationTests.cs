using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// From one ds:Signature to its evidence, on signatures written by hand: which carried certificate is taken for the
/// signer (XAdES digest, then KeyInfo issuer/serial, then SKI, then the leaf), what KeyInfo says when there is no
/// certificate, and each structural refusal with the signature's id in its message.
/// </summary>
public sealed class XmlSignatureReaderMutationTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    private const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    private static readonly (X509Certificate2 Ca, X509Certificate2 Leaf) Pki = MakePki();

    private static (X509Certificate2, X509Certificate2) MakePki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Reader CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(10));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=Reader Signer", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, false));
        var leaf = leafRequest.Create(ca, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(5), [0x01, 0x23]);
        return (ca, leaf);
    }

    private static string X509(X509Certificate2 c) => $"<ds:X509Certificate>{Convert.ToBase64String(c.RawData)}</ds:X509Certificate>";

    private static SignatureEvidence Read(string keyInfo, string method = RsaSha256, string? value = "AQID",
        string c14n = C14N, string? signedInfo = null)
    {
        signedInfo ??= $"<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"{c14n}\"/><ds:SignatureMethod Algorithm=\"{method}\"/>"
                       + "<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/></ds:Transforms>"
                       + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>";
        var xml = $"<doc><data>x</data><ds:Signature xmlns:ds=\"{Ds}\">{signedInfo}"
                  + (value is null ? "" : $"<ds:SignatureValue>{value}</ds:SignatureValue>")
                  + $"<ds:KeyInfo>{keyInfo}</ds:KeyInfo></ds:Signature></doc>";
        var doc = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var signature = (System.Xml.XmlElement)doc.GetElementsByTagName("Signature", Ds)[0]!;
        return XmlSignatureReader.Read(signature, "S-1", new XmlIdIndex(doc), () => null);
    }

    [Fact]
    public void Without_a_hint_the_signer_is_the_leaf_in_either_order()
    {
        Assert.Equal(Pki.Leaf, Read($"<ds:X509Data>{X509(Pki.Ca)}{X509(Pki.Leaf)}</ds:X509Data>").Signer.Certificate);
        Assert.Equal(Pki.Leaf, Read($"<ds:X509Data>{X509(Pki.Leaf)}{X509(Pki.Ca)}</ds:X509Data>").Signer.Certificate);
        Assert.Equal(Pki.Ca, Read($"<ds:X509Data>{X509(Pki.Ca)}</ds:X509Data>").Signer.Certificate);
    }

    [Fact]
    public void Issuer_and_serial_in_KeyInfo_choose_among_the_certificates()
    {
        var serial = new BigInteger(Pki.Ca.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
        var keyInfo = $"<ds:X509Data>{X509(Pki.Leaf)}{X509(Pki.Ca)}<ds:X509IssuerSerial><ds:X509IssuerName> CN=Reader CA </ds:X509IssuerName>"
                      + $"<ds:X509SerialNumber> {serial} </ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>";

        Assert.Equal(Pki.Ca, Read(keyInfo).Signer.Certificate);

        var wrongIssuer = keyInfo.Replace("CN=Reader CA", "CN=Someone Else");
        Assert.Equal(Pki.Leaf, Read(wrongIssuer).Signer.Certificate);
    }

    [Fact]
    public void The_subject_key_identifier_chooses_when_there_is_no_issuer_serial()
    {
        var ski = Pki.Ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var keyInfo = $"<ds:X509Data>{X509(Pki.Leaf)}{X509(Pki.Ca)}<ds:X509SKI>{Convert.ToBase64String(ski)}</ds:X509SKI></ds:X509Data>";

        Assert.Equal(Pki.Ca, Read(keyInfo).Signer.Certificate);
        Assert.Equal(Pki.Leaf, Read(keyInfo.Replace(Convert.ToBase64String(ski), "AAAA")).Signer.Certificate);
    }

    [Fact]
    public void Without_certificates_the_signer_is_named_by_KeyInfo()
    {
        var evidence = Read("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=Reader CA, O=Sở TT&amp;TT</ds:X509IssuerName>"
                            + "<ds:X509SerialNumber>291</ds:X509SerialNumber></ds:X509IssuerSerial><ds:X509SKI>AQI=</ds:X509SKI></ds:X509Data>");

        Assert.Null(evidence.Signer.Certificate);
        Assert.Equal(new X500DistinguishedName("CN=Reader CA, O=Sở TT&TT").Name, evidence.Signer.IssuerName);
        Assert.Equal([0x01, 0x23], evidence.Signer.SerialNumber!);
        Assert.Equal([1, 2], evidence.Signer.SubjectKeyIdentifier!);
        Assert.Empty(evidence.Certificates);
        Assert.Equal("XMLDSIG", evidence.Format);
        Assert.False(evidence.HasEtsiSignedAttributes);
    }

    [Fact]
    public void A_serial_with_its_top_bit_set_keeps_a_leading_zero_like_DER()
    {
        var evidence = Read("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=CA</ds:X509IssuerName>"
                            + "<ds:X509SerialNumber>128</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>");
        Assert.Equal([0x00, 0x80], evidence.Signer.SerialNumber!);
    }

    [Theory]
    [InlineData("<ds:X509Data><ds:X509Certificate>AQID</ds:X509Certificate></ds:X509Data>", "ds:X509Certificate is not a certificate")]
    [InlineData("<ds:X509Data><ds:X509Certificate>***</ds:X509Certificate></ds:X509Data>", "ds:X509Certificate is not a certificate")]
    [InlineData("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=CA</ds:X509IssuerName><ds:X509SerialNumber>12a</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>", "ds:X509IssuerSerial is malformed")]
    [InlineData("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=CA</ds:X509IssuerName></ds:X509IssuerSerial></ds:X509Data>", "ds:X509IssuerSerial is malformed")]
    [InlineData("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>not a name ===</ds:X509IssuerName><ds:X509SerialNumber>1</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>", "ds:X509IssuerSerial is malformed")]
    [InlineData("<ds:X509Data><ds:X509SKI>***</ds:X509SKI></ds:X509Data>", "ds:X509SKI is not base64")]
    public void Broken_KeyInfo_parts_are_format_errors(string keyInfo, string error)
    {
        Assert.Contains(error, Read(keyInfo).FormatErrors);
    }

    [Fact]
    public void An_ECDSA_value_is_turned_from_r_s_into_DER_and_RSA_is_kept()
    {
        var raw = new byte[64];
        raw[31] = 5;
        raw[63] = 7;
        var ecdsa = Read("", EcdsaSha256, Convert.ToBase64String(raw));
        Assert.Equal(Convert.FromHexString("3006020105020107"), ecdsa.SignatureValue);
        Assert.Equal("ECDSA", ecdsa.SignatureAlgorithm.KeyAlgorithm);

        var rsa = Read("", RsaSha256, "AQID");
        Assert.Equal([1, 2, 3], rsa.SignatureValue);
        Assert.Equal(HashAlgorithmName.SHA256, rsa.DigestAlgorithm);
    }

    [Theory]
    [InlineData(RsaSha256, "***", C14N, "S-1: ds:SignatureValue is not base64.")]
    [InlineData(EcdsaSha256, "AQID", C14N, "S-1: ECDSA ds:SignatureValue is not r||s.")]
    [InlineData("urn:rot13", "AQID", C14N, "S-1: unsupported signature method 'urn:rot13'.")]
    [InlineData(RsaSha256, "AQID", "urn:c14n", "S-1: unsupported canonicalization method 'urn:c14n'.")]
    public void Unreadable_signatures_are_refused_naming_the_signature(string method, string value, string c14n, string message)
    {
        var e = Assert.Throws<SignatureFormatException>(() => Read("", method, value, c14n));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_signature_without_SignedInfo_or_SignatureValue_is_refused()
    {
        Assert.Equal("S-1: ds:Signature has no ds:SignedInfo.",
            Assert.Throws<SignatureFormatException>(() => Read("", signedInfo: "")).Message);
        Assert.Equal("S-1: ds:Signature has no ds:SignatureValue.",
            Assert.Throws<SignatureFormatException>(() => Read("", value: null)).Message);
    }

    [Fact]
    public void The_signed_digest_is_of_the_canonical_SignedInfo()
    {
        var evidence = Read("");
        var doc = SafeXml.Load(Encoding.UTF8.GetBytes($"<ds:SignedInfo xmlns:ds=\"{Ds}\"><ds:CanonicalizationMethod Algorithm=\"{C14N}\"></ds:CanonicalizationMethod>"
            + $"<ds:SignatureMethod Algorithm=\"{RsaSha256}\"></ds:SignatureMethod><ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"></ds:Transform></ds:Transforms>"
            + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"></ds:DigestMethod><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>"));

        // Written out as C14N 1.0 renders it: the namespace declaration on the apex, empty elements as start and end tags.
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(doc.DocumentElement!.OuterXml)), evidence.SignedDigest);
        Assert.Single(evidence.References);
    }
}
