using System.Security.Cryptography.X509Certificates;
using System.Xml;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>The XAdES qualifying properties of one signature (ETSI EN 319 132-1).</summary>
internal sealed record XadesProperties(
    XmlElement? SignedProperties,
    DateTimeOffset? SigningTime,
    CertificateDigest? SigningCertificate,
    IReadOnlyList<TimestampEvidence> Timestamps,
    IReadOnlyList<X509Certificate2> CertificateValues,
    IReadOnlyList<byte[]> Crls,
    IReadOnlyList<byte[]> OcspResponses,
    IReadOnlyList<string> Errors)
{
    /// <summary>The xades141:ArchiveTimeStamp elements in document order, with their canonicalization and token.</summary>
    public IReadOnlyList<(XmlElement Element, string C14N, byte[] Token)> ArchiveTimestamps { get; init; } = [];

    /// <summary>True when RevocationValues (directly or in a xades141:TimeStampValidationData) are carried: the B-LT block.</summary>
    public bool CarriesValidationData { get; init; }
}

internal static class XadesPropertiesReader
{
    /// <summary>DSS's name for a timestamp over the signature value.</summary>
    public const string SignatureTimestampType = "SIGNATURE_TIMESTAMP";

    public static XadesProperties? Read(XmlElement signature, XmlElement signatureValue)
    {
        var ns = XmlDsigNamespaces.Manager(signature);
        var qualifying = signature.SelectNodes("ds:Object/xades:QualifyingProperties", ns)!.OfType<XmlElement>().ToList();
        if (qualifying.Count == 0)
            return null;
        var errors = new List<string>();
        if (qualifying.Count > 1)
            errors.Add("more than one xades:QualifyingProperties");
        var properties = qualifying[0];
        var signatureId = signature.GetAttribute("Id");
        if (properties.GetAttribute("Target") != "#" + signatureId)
            errors.Add($"xades:QualifyingProperties Target '{properties.GetAttribute("Target")}' does not name this signature");

        var signedProperties = properties.SelectSingleNode("xades:SignedProperties", ns) as XmlElement;
        var signed = signedProperties?.SelectSingleNode("xades:SignedSignatureProperties", ns) as XmlElement;
        DateTimeOffset? signingTime = null;
        if (signed?.SelectSingleNode("xades:SigningTime", ns) is XmlElement time)
        {
            try { signingTime = XmlConvert.ToDateTimeOffset(time.InnerText.Trim()); }
            catch (FormatException) { errors.Add($"xades:SigningTime '{time.InnerText}' is not an xs:dateTime"); }
        }
        var certificate = ReadCertDigest(signed, "xades:SigningCertificateV2/xades:Cert", "xades:IssuerSerialV2", ns, errors)
                          ?? ReadCertDigest(signed, "xades:SigningCertificate/xades:Cert", null, ns, errors);

        var unsigned = properties.SelectSingleNode("xades:UnsignedProperties/xades:UnsignedSignatureProperties", ns) as XmlElement;
        var timestamps = new List<TimestampEvidence>();
        foreach (var stamp in unsigned?.SelectNodes("xades:SignatureTimeStamp", ns)!.OfType<XmlElement>() ?? [])
        {
            var c14n = (stamp.SelectSingleNode("ds:CanonicalizationMethod", ns) as XmlElement)?.GetAttribute("Algorithm") ?? XmlDsigNames.C14N;
            var token = Base64(stamp.SelectSingleNode("xades:EncapsulatedTimeStamp", ns), "xades:EncapsulatedTimeStamp", errors);
            if (token is null)
                continue;
            if (!XmlCanonicalizer.IsSupported(c14n))
            {
                errors.Add($"xades:SignatureTimeStamp uses unsupported canonicalization {c14n}");
                continue;
            }
            timestamps.Add(new TimestampEvidence(SignatureTimestampType, token, XmlCanonicalizer.CanonicalizeElement(signatureValue, c14n)));
        }

        // The long-term values: in the properties themselves (B-LT) and in xades141:TimeStampValidationData, where data added
        // after an archive timestamp goes so that the timestamp's input stays as it was.
        const string certificatesPath = "xades:CertificateValues/xades:EncapsulatedX509Certificate";
        const string crlsPath = "xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue";
        const string ocspPath = "xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue";
        static string AlsoInValidationData(string path) => $"{path} | xades141:TimeStampValidationData/{path}";
        var certificates = new List<X509Certificate2>();
        foreach (var node in unsigned?.SelectNodes(AlsoInValidationData(certificatesPath), ns)!.OfType<XmlNode>() ?? [])
            if (Base64(node, "xades:EncapsulatedX509Certificate", errors) is { } der)
                try { certificates.Add(CertificateCache.Get(der)); }
                catch (System.Security.Cryptography.CryptographicException) { errors.Add("xades:EncapsulatedX509Certificate is not a certificate"); }
        var crls = Values(unsigned, AlsoInValidationData(crlsPath), ns, errors);
        var ocsp = Values(unsigned, AlsoInValidationData(ocspPath), ns, errors);
        var archive = new List<(XmlElement, string, byte[])>();
        foreach (var stamp in unsigned?.SelectNodes("xades141:ArchiveTimeStamp", ns)!.OfType<XmlElement>() ?? [])
        {
            var c14n = (stamp.SelectSingleNode("ds:CanonicalizationMethod", ns) as XmlElement)?.GetAttribute("Algorithm") ?? XmlDsigNames.C14N;
            if (!XmlCanonicalizer.IsSupported(c14n))
                errors.Add($"xades141:ArchiveTimeStamp uses unsupported canonicalization {c14n}");
            else if (Base64(stamp.SelectSingleNode("xades:EncapsulatedTimeStamp", ns), "xades141:ArchiveTimeStamp EncapsulatedTimeStamp", errors) is { } token)
                archive.Add((stamp, c14n, token));
        }
        var carriesData = unsigned?.SelectSingleNode(AlsoInValidationData("xades:RevocationValues"), ns) is not null;
        return new XadesProperties(signedProperties, signingTime, certificate, timestamps, certificates, crls, ocsp, errors)
        {
            ArchiveTimestamps = archive,
            CarriesValidationData = carriesData,
        };
    }

    private static CertificateDigest? ReadCertDigest(XmlElement? signed, string certPath, string? issuerSerialV2, XmlNamespaceManager ns, List<string> errors)
    {
        if (signed?.SelectSingleNode(certPath, ns) is not XmlElement cert)
            return null;
        var method = (cert.SelectSingleNode("xades:CertDigest/ds:DigestMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        var value = Base64(cert.SelectSingleNode("xades:CertDigest/ds:DigestValue", ns), "xades:CertDigest", errors);
        if (XmlAlgorithms.FindDigestMethod(method) is not { } hash)
        {
            errors.Add($"xades:CertDigest uses unsupported digest method {method}");
            return null;
        }
        if (value is null)
            return null;
        var issuerSerial = issuerSerialV2 is null ? null : Base64(cert.SelectSingleNode(issuerSerialV2, ns), issuerSerialV2, null);
        return new CertificateDigest(hash, value, issuerSerial);
    }

    private static List<byte[]> Values(XmlElement? unsigned, string path, XmlNamespaceManager ns, List<string> errors) =>
        unsigned?.SelectNodes(path, ns)!.OfType<XmlNode>().Select(n => Base64(n, path, errors)).OfType<byte[]>().ToList() ?? [];

    private static byte[]? Base64(XmlNode? node, string what, List<string>? errors)
    {
        if (node is null)
            return null;
        try { return Convert.FromBase64String(node.InnerText); }
        catch (FormatException)
        {
            errors?.Add($"{what} is not base64");
            return null;
        }
    }
}
