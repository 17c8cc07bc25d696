using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Reading XAdES qualifying properties (ETSI EN 319 132-1) from signatures written by hand here: each property where the
/// standard puts it, V2 before V1 signing certificates, long-term values in and outside TimeStampValidationData, and
/// each broken property named in the errors without stopping the others.
/// </summary>
public sealed class XadesPropertiesReaderMutationTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Xades = "http://uri.etsi.org/01903/v1.3.2#";
    private const string Xades141 = "http://uri.etsi.org/01903/v1.4.1#";
    private const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    private static readonly string CertificateBase64 = Convert.ToBase64String(MakeCertificate());

    private static byte[] MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=XAdES test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));
        return certificate.RawData;
    }

    private static XadesProperties? Read(string signed, string unsigned = "", string target = "#S1", string extraObjects = "")
    {
        var xml = $"""
            <ds:Signature xmlns:ds="{Ds}" xmlns:xades="{Xades}" xmlns:xades141="{Xades141}" Id="S1">
              <ds:SignatureValue Id="V1">AAEC</ds:SignatureValue>
              <ds:Object><xades:QualifyingProperties Target="{target}">
                <xades:SignedProperties Id="SP"><xades:SignedSignatureProperties>{signed}</xades:SignedSignatureProperties></xades:SignedProperties>
                <xades:UnsignedProperties><xades:UnsignedSignatureProperties>{unsigned}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>
              </xades:QualifyingProperties></ds:Object>{extraObjects}
            </ds:Signature>
            """;
        var doc = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var signature = doc.DocumentElement!;
        var value = (XmlElement)signature.GetElementsByTagName("SignatureValue", Ds)[0]!;
        return XadesPropertiesReader.Read(signature, value);
    }

    private static string Cert(string path, string method, string digest, string? issuerSerial = null) =>
        $"<xades:{path}><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"{method}\"/><ds:DigestValue>{digest}</ds:DigestValue></xades:CertDigest>"
        + (issuerSerial is null ? "" : $"<xades:IssuerSerialV2>{issuerSerial}</xades:IssuerSerialV2>")
        + $"</xades:Cert></xades:{path}>";

    [Fact]
    public void A_signature_without_qualifying_properties_has_none()
    {
        var doc = SafeXml.Load(Encoding.UTF8.GetBytes($"<ds:Signature xmlns:ds=\"{Ds}\"><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>"));
        Assert.Null(XadesPropertiesReader.Read(doc.DocumentElement!, (XmlElement)doc.DocumentElement!.FirstChild!));
    }

    [Fact]
    public void Signing_time_and_the_V2_signing_certificate_are_read()
    {
        var properties = Read("<xades:SigningTime> 2026-11-28T09:30:00+07:00 </xades:SigningTime>"
                              + Cert("SigningCertificateV2", Sha256, "AQID", "BAU="));

        Assert.NotNull(properties);
        Assert.Empty(properties.Errors);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(7)), properties.SigningTime);
        Assert.Equal(HashAlgorithmName.SHA256, properties.SigningCertificate!.Algorithm);
        Assert.Equal([1, 2, 3], properties.SigningCertificate.Value);
        Assert.Equal([4, 5], properties.SigningCertificate.IssuerSerialDer!);
        Assert.Equal("SignedProperties", properties.SignedProperties!.LocalName);
        Assert.False(properties.CarriesValidationData);
        Assert.Empty(properties.Timestamps);
    }

    [Fact]
    public void V2_wins_over_V1_and_V1_alone_is_read_without_an_issuer_serial()
    {
        var both = Read(Cert("SigningCertificate", Sha1, "CQk=") + Cert("SigningCertificateV2", Sha256, "AQID"));
        Assert.Equal(HashAlgorithmName.SHA256, both!.SigningCertificate!.Algorithm);

        var v1 = Read(Cert("SigningCertificate", Sha1, "CQk=", issuerSerial: "BAU="));
        Assert.Equal(HashAlgorithmName.SHA1, v1!.SigningCertificate!.Algorithm);
        Assert.Equal([9, 9], v1.SigningCertificate.Value);
        Assert.Null(v1.SigningCertificate.IssuerSerialDer);
    }

    [Fact]
    public void A_V2_certificate_whose_issuer_serial_is_not_base64_keeps_its_digest()
    {
        var properties = Read(Cert("SigningCertificateV2", Sha256, "AQID", issuerSerial: "not base64!"));
        Assert.Equal([1, 2, 3], properties!.SigningCertificate!.Value);
        Assert.Null(properties.SigningCertificate.IssuerSerialDer);
        Assert.Empty(properties.Errors);
    }

    [Fact]
    public void Broken_signed_properties_are_named()
    {
        var badTime = Read("<xades:SigningTime>yesterday</xades:SigningTime>");
        Assert.Null(badTime!.SigningTime);
        Assert.Equal("xades:SigningTime 'yesterday' is not an xs:dateTime", Assert.Single(badTime.Errors));

        var badMethod = Read(Cert("SigningCertificateV2", "urn:unknown", "AQID"));
        Assert.Null(badMethod!.SigningCertificate);
        Assert.Equal("xades:CertDigest uses unsupported digest method urn:unknown", Assert.Single(badMethod.Errors));

        var badDigest = Read(Cert("SigningCertificateV2", Sha256, "***"));
        Assert.Null(badDigest!.SigningCertificate);
        Assert.Equal("xades:CertDigest is not base64", Assert.Single(badDigest.Errors));
    }

    [Fact]
    public void The_properties_must_target_this_signature_and_be_the_only_ones()
    {
        var wrongTarget = Read("", target: "#Other");
        Assert.Equal("xades:QualifyingProperties Target '#Other' does not name this signature", Assert.Single(wrongTarget!.Errors));

        var twice = Read("", extraObjects: $"<ds:Object><xades:QualifyingProperties Target=\"#S1\"/></ds:Object>");
        Assert.Equal("more than one xades:QualifyingProperties", Assert.Single(twice!.Errors));
    }

    [Fact]
    public void Signature_timestamps_cover_the_canonical_signature_value()
    {
        var properties = Read("",
            "<xades:SignatureTimeStamp><xades:EncapsulatedTimeStamp>AQI=</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
            + "<xades:SignatureTimeStamp><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
            + "<xades:EncapsulatedTimeStamp>AwQ=</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>");

        Assert.Empty(properties!.Errors);
        Assert.Equal(2, properties.Timestamps.Count);
        Assert.All(properties.Timestamps, t => Assert.Equal("SIGNATURE_TIMESTAMP", t.Type));
        Assert.Equal([1, 2], properties.Timestamps[0].Token);
        Assert.Equal([3, 4], properties.Timestamps[1].Token);
        // Inclusive C14N carries the in-scope namespaces onto the element; exclusive only those it uses.
        var inclusive = Encoding.UTF8.GetString(properties.Timestamps[0].TimestampedData);
        var exclusive = Encoding.UTF8.GetString(properties.Timestamps[1].TimestampedData);
        Assert.Contains("xmlns:xades=", inclusive);
        Assert.DoesNotContain("xmlns:xades=", exclusive);
        Assert.StartsWith("<ds:SignatureValue", exclusive);
        Assert.EndsWith(">AAEC</ds:SignatureValue>", exclusive);
    }

    [Fact]
    public void Timestamps_that_cannot_be_used_are_named_and_left_out()
    {
        var properties = Read("",
            "<xades:SignatureTimeStamp><xades:EncapsulatedTimeStamp>%%%</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
            + "<xades:SignatureTimeStamp><ds:CanonicalizationMethod Algorithm=\"urn:c14n\"/><xades:EncapsulatedTimeStamp>AQI=</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
            + "<xades:SignatureTimeStamp/>"
            + "<xades141:ArchiveTimeStamp><ds:CanonicalizationMethod Algorithm=\"urn:c14n\"/><xades:EncapsulatedTimeStamp>AQI=</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>"
            + "<xades141:ArchiveTimeStamp><xades:EncapsulatedTimeStamp>%%%</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>");

        Assert.Empty(properties!.Timestamps);
        Assert.Empty(properties.ArchiveTimestamps);
        Assert.Equal([
            "xades:EncapsulatedTimeStamp is not base64",
            "xades:SignatureTimeStamp uses unsupported canonicalization urn:c14n",
            "xades141:ArchiveTimeStamp uses unsupported canonicalization urn:c14n",
            "xades141:ArchiveTimeStamp EncapsulatedTimeStamp is not base64",
        ], properties.Errors);
    }

    [Fact]
    public void Archive_timestamps_keep_their_element_canonicalization_and_token_in_order()
    {
        var properties = Read("",
            "<xades141:ArchiveTimeStamp Id=\"A1\"><xades:EncapsulatedTimeStamp>AQI=</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>"
            + "<xades141:ArchiveTimeStamp Id=\"A2\"><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2006/12/xml-c14n11\"/>"
            + "<xades:EncapsulatedTimeStamp>AwQ=</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>");

        Assert.Equal(2, properties!.ArchiveTimestamps.Count);
        Assert.Equal("A1", properties.ArchiveTimestamps[0].Element.GetAttribute("Id"));
        Assert.Equal("http://www.w3.org/TR/2001/REC-xml-c14n-20010315", properties.ArchiveTimestamps[0].C14N);
        Assert.Equal([1, 2], properties.ArchiveTimestamps[0].Token);
        Assert.Equal("http://www.w3.org/2006/12/xml-c14n11", properties.ArchiveTimestamps[1].C14N);
        Assert.Equal([3, 4], properties.ArchiveTimestamps[1].Token);
    }

    [Fact]
    public void Long_term_values_are_read_in_the_properties_and_in_TimeStampValidationData()
    {
        var values = $"<xades:CertificateValues><xades:EncapsulatedX509Certificate>{CertificateBase64}</xades:EncapsulatedX509Certificate></xades:CertificateValues>"
                     + "<xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>AQ==</xades:EncapsulatedCRLValue></xades:CRLValues>"
                     + "<xades:OCSPValues><xades:EncapsulatedOCSPValue>Ag==</xades:EncapsulatedOCSPValue></xades:OCSPValues></xades:RevocationValues>";
        var later = "<xades141:TimeStampValidationData><xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>Aw==</xades:EncapsulatedCRLValue></xades:CRLValues></xades:RevocationValues>"
                    + $"<xades:CertificateValues><xades:EncapsulatedX509Certificate>{CertificateBase64}</xades:EncapsulatedX509Certificate></xades:CertificateValues></xades141:TimeStampValidationData>";

        var properties = Read("", values + later);

        Assert.Empty(properties!.Errors);
        Assert.True(properties.CarriesValidationData);
        Assert.Equal(2, properties.CertificateValues.Count);
        Assert.Equal("CN=XAdES test", properties.CertificateValues[0].Subject);
        Assert.Equal([[1], [3]], properties.Crls);
        Assert.Equal([[2]], properties.OcspResponses);
    }

    [Fact]
    public void Revocation_values_only_in_TimeStampValidationData_still_carry_validation_data()
    {
        var properties = Read("", "<xades141:TimeStampValidationData><xades:RevocationValues/></xades141:TimeStampValidationData>");
        Assert.True(properties!.CarriesValidationData);

        var certificatesOnly = Read("", $"<xades:CertificateValues><xades:EncapsulatedX509Certificate>{CertificateBase64}</xades:EncapsulatedX509Certificate></xades:CertificateValues>");
        Assert.False(certificatesOnly!.CarriesValidationData);
        Assert.Single(certificatesOnly.CertificateValues);
    }

    [Fact]
    public void Values_that_are_not_what_they_claim_are_named()
    {
        var properties = Read("",
            "<xades:CertificateValues><xades:EncapsulatedX509Certificate>AQID</xades:EncapsulatedX509Certificate>"
            + "<xades:EncapsulatedX509Certificate>###</xades:EncapsulatedX509Certificate></xades:CertificateValues>"
            + "<xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>###</xades:EncapsulatedCRLValue></xades:CRLValues></xades:RevocationValues>");

        Assert.Empty(properties!.CertificateValues);
        Assert.Empty(properties.Crls);
        Assert.Equal(3, properties.Errors.Count);
        Assert.Equal("xades:EncapsulatedX509Certificate is not a certificate", properties.Errors[0]);
        Assert.Equal("xades:EncapsulatedX509Certificate is not base64", properties.Errors[1]);
        Assert.StartsWith("xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue | ", properties.Errors[2]);
        Assert.EndsWith(" is not base64", properties.Errors[2]);
    }
}
