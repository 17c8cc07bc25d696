using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using static IntegrationHub.Signatures.Xml.XmlDsigNames;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Builds the ds:Signature of a XAdES-B-B enveloped signature (EN 319 132-1 baseline): a reference to the
/// whole document (enveloped-signature + exc-c14n), a reference to the SignedProperties (SigningTime,
/// SigningCertificateV2, DataObjectFormat), the signer's certificates in KeyInfo, and an empty SignatureValue.
/// Digest values are filled in later, over the serialized and reloaded document.
/// </summary>
internal sealed class XadesTemplate(XmlDocument document, string baseId)
{
    public string SignatureId => $"{baseId}-sig";
    public string SignedPropertiesId => $"{baseId}-signedprops";
    private string DocumentReferenceId => $"{baseId}-ref-doc";

    public XmlElement Append(X509Certificate2 certificate, XmlSignatureMethod method, HashAlgorithmName hash, DateTimeOffset signingTime,
        IReadOnlyList<X509Certificate2> chain)
    {
        var digestUri = XmlAlgorithms.DigestUriFor(hash);
        var signature = Ds("Signature");
        Declare(signature, "ds", DsNs);
        signature.SetAttribute("Id", SignatureId);

        var signedInfo = Add(signature, Ds("SignedInfo"));
        Add(signedInfo, Ds("CanonicalizationMethod")).SetAttribute("Algorithm", ExcC14N);
        Add(signedInfo, Ds("SignatureMethod")).SetAttribute("Algorithm", method.Uri);
        var documentReference = Reference(signedInfo, "", digestUri, EnvelopedTransform, ExcC14N);
        documentReference.SetAttribute("Id", DocumentReferenceId);
        Reference(signedInfo, "#" + SignedPropertiesId, digestUri, ExcC14N).SetAttribute("Type", SignedPropertiesType);

        Add(signature, Ds("SignatureValue")).SetAttribute("Id", $"{baseId}-sigvalue");
        var x509Data = Add(Add(signature, Ds("KeyInfo")), Ds("X509Data"));
        foreach (var cert in new[] { certificate }.Concat(chain.Where(c => !c.RawData.AsSpan().SequenceEqual(certificate.RawData))))
            Add(x509Data, Ds("X509Certificate")).InnerText = Convert.ToBase64String(cert.RawData);

        var qualifying = Add(Add(signature, Ds("Object")), Xades("QualifyingProperties"));
        Declare(qualifying, "xades", XadesNs);
        qualifying.SetAttribute("Target", "#" + SignatureId);
        var signedProperties = Add(qualifying, Xades("SignedProperties"));
        signedProperties.SetAttribute("Id", SignedPropertiesId);
        var signatureProperties = Add(signedProperties, Xades("SignedSignatureProperties"));
        Add(signatureProperties, Xades("SigningTime")).InnerText =
            signingTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var cert2 = Add(Add(signatureProperties, Xades("SigningCertificateV2")), Xades("Cert"));
        var certDigest = Add(cert2, Xades("CertDigest"));
        Add(certDigest, Ds("DigestMethod")).SetAttribute("Algorithm", digestUri);
        Add(certDigest, Ds("DigestValue")).InnerText = Convert.ToBase64String(XmlAlgorithms.Hash(hash, certificate.RawData));
        Add(cert2, Xades("IssuerSerialV2")).InnerText = Convert.ToBase64String(IssuerSerial(certificate));
        var format = Add(Add(signedProperties, Xades("SignedDataObjectProperties")), Xades("DataObjectFormat"));
        format.SetAttribute("ObjectReference", "#" + DocumentReferenceId);
        Add(format, Xades("MimeType")).InnerText = "text/xml";

        document.DocumentElement!.AppendChild(signature);
        return signature;
    }

    /// <summary>IssuerSerial ::= SEQUENCE { issuer GeneralNames (one directoryName), serialNumber INTEGER } (RFC 5035).</summary>
    public static byte[] IssuerSerial(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                writer.WriteEncodedValue(certificate.IssuerName.RawData);
            writer.WriteInteger(certificate.SerialNumberBytes.Span);
        }
        return writer.Encode();
    }

    private XmlElement Reference(XmlElement signedInfo, string uri, string digestUri, params string[] transforms)
    {
        var reference = Add(signedInfo, Ds("Reference"));
        reference.SetAttribute("URI", uri);
        var list = Add(reference, Ds("Transforms"));
        foreach (var transform in transforms)
            Add(list, Ds("Transform")).SetAttribute("Algorithm", transform);
        Add(reference, Ds("DigestMethod")).SetAttribute("Algorithm", digestUri);
        Add(reference, Ds("DigestValue"));
        return reference;
    }

    private void Declare(XmlElement element, string prefix, string namespaceUri)
    {
        var declaration = document.CreateAttribute("xmlns", prefix, XmlnsNs);
        declaration.Value = namespaceUri;
        element.Attributes.Append(declaration);
    }

    private XmlElement Ds(string name) => document.CreateElement("ds", name, DsNs);
    private XmlElement Xades(string name) => document.CreateElement("xades", name, XadesNs);

    private static XmlElement Add(XmlElement parent, XmlElement child)
    {
        parent.AppendChild(child);
        return child;
    }
}
