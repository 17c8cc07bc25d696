using System.Security.Cryptography;
using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;
using static IntegrationHub.Signatures.Xml.XmlDsigNames;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// XAdES baseline augmentation (EN 319 132-1) of every ds:Signature with qualifying properties: B-B to B-T
/// (xades:SignatureTimeStamp over the canonical ds:SignatureValue), B-T to B-LT (xades:CertificateValues and
/// xades:RevocationValues), B-LT to B-LTA and its renewal (xades141:ArchiveTimeStamp, see <see cref="XadesArchiveTimestamp"/>).
/// Everything goes into xades:UnsignedSignatureProperties, written in place (<see cref="XmlInPlaceEditor"/>): the rest of
/// the file keeps its bytes, so the signature verifies as before with any verifier. Data that arrives once an archive
/// timestamp is there (the archive TSA's path) goes into a xades141:TimeStampValidationData after it, never into the
/// values the timestamp covers.
/// </summary>
public sealed class XadesAugmenter : IFormatAugmenter
{
    /// <summary>Canonicalization written into new timestamps (the one the signer uses).</summary>
    private const string C14n = ExcC14N;

    public string Format => "XADES";

    public async Task<byte[]> AddSignatureTimestampAsync(byte[] document, ITimestampClient timestamps, HashAlgorithmName digestAlgorithm,
        CancellationToken cancellationToken = default)
    {
        var editor = new XmlInPlaceEditor(document);
        foreach (var signature in Signatures(editor.Document))
        {
            var ns = XmlDsigNamespaces.Manager(signature);
            if (XadesArchiveTimestamp.UnsignedSignatureProperties(signature)?.SelectSingleNode("xades:SignatureTimeStamp", ns) is not null) continue;
            var value = (XmlElement)signature.SelectSingleNode("ds:SignatureValue", ns)!;
            var token = await timestamps.GetTokenAsync(XmlCanonicalizer.CanonicalizeElement(value, C14n), digestAlgorithm, cancellationToken);
            AddProperty(editor, signature, p => TimeStamp(p, XadesNs, "xades", "SignatureTimeStamp", token), first: true);
        }
        return editor.Result();
    }

    public byte[] AddValidationData(byte[] document, Stream? detachedContent, ValidationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var editor = new XmlInPlaceEditor(document);
        var ids = new XmlIdIndex(editor.Document);
        foreach (var signature in Signatures(editor.Document))
        {
            var carried = XmlSignatureReader.Read(signature, "S", ids, () => null);
            var certificates = data.Certificates.Select(c => c.RawData)
                .Where(c => !carried.Certificates.Any(k => k.RawData.AsSpan().SequenceEqual(c))).ToList();
            var crls = data.Crls.Where(c => !carried.Crls.Any(k => k.AsSpan().SequenceEqual(c))).ToList();
            var ocsp = data.OcspResponses.Where(o => !carried.OcspResponses.Any(k => k.AsSpan().SequenceEqual(o))).ToList();
            if (certificates.Count == 0 && crls.Count == 0 && ocsp.Count == 0) continue;

            var unsigned = XadesArchiveTimestamp.UnsignedSignatureProperties(signature);
            var ns = XmlDsigNamespaces.Manager(signature);
            // The properties themselves the first time; after that (an archive timestamp covers them, or another tool wrote
            // them) a xades141:TimeStampValidationData, so nothing already there is rewritten.
            var inPlace = unsigned is null || unsigned.SelectSingleNode("xades:CertificateValues | xades:RevocationValues | xades141:ArchiveTimeStamp", ns) is null;
            AddProperty(editor, signature, parent => inPlace
                ? Values(parent, certificates, crls, ocsp)
                : Wrapped(parent, Xades141Ns, "xades141", "TimeStampValidationData", inner => Values(inner, certificates, crls, ocsp)));
        }
        return editor.Result();
    }

    public async Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        var editor = new XmlInPlaceEditor(document);
        var ids = new XmlIdIndex(editor.Document);
        Stream? Content()
        {
            if (detachedContent is not null) detachedContent.Position = 0;
            return detachedContent;
        }
        foreach (var signature in Signatures(editor.Document))
        {
            // Computed over the document as it stands: every property now there comes before the new timestamp.
            var (input, problem) = XadesArchiveTimestamp.Input(signature, null, C14n, ids, Content);
            if (problem is not null) throw new ArgumentException(problem, nameof(detachedContent));
            var token = await timestamps.GetTokenAsync(input, digestAlgorithm, cancellationToken);
            AddProperty(editor, signature, p => TimeStamp(p, Xades141Ns, "xades141", "ArchiveTimeStamp", token));
        }
        return editor.Result();
    }

    /// <summary>The file's XAdES signatures (with qualifying properties; counter-signatures are not augmented on their own).</summary>
    private static List<XmlElement> Signatures(XmlDocument document)
    {
        var signatures = document.GetElementsByTagName("Signature", DsNs).OfType<XmlElement>()
            .Where(s => s.SelectSingleNode("ds:Object/xades:QualifyingProperties", XmlDsigNamespaces.Manager(s)) is not null
                        && !Ancestors(s).Any(a => a.LocalName == "CounterSignature" && a.NamespaceURI == XadesNs))
            .ToList();
        if (signatures.Count == 0) throw new Formats.SignatureFormatException("The XML holds no XAdES signature (ds:Signature with xades:QualifyingProperties).");
        return signatures;
    }

    private static IEnumerable<XmlElement> Ancestors(XmlNode node)
    {
        for (var n = node.ParentNode; n is XmlElement e; n = e.ParentNode) yield return e;
    }

    /// <summary>
    /// Adds one property to the signature's xades:UnsignedSignatureProperties, last (or first), creating
    /// xades:UnsignedProperties and UnsignedSignatureProperties when missing. <paramref name="markup"/> gets the element
    /// the property will sit in, for the prefixes in scope there.
    /// </summary>
    private static void AddProperty(XmlInPlaceEditor editor, XmlElement signature, Func<XmlElement, string> markup, bool first = false)
    {
        var ns = XmlDsigNamespaces.Manager(signature);
        var qualifying = (XmlElement)signature.SelectSingleNode("ds:Object/xades:QualifyingProperties", ns)!;
        if (XadesArchiveTimestamp.UnsignedSignatureProperties(signature) is { } unsigned)
        {
            if (first) editor.PrependChild(unsigned, markup(unsigned));
            else editor.AppendChild(unsigned, markup(unsigned));
            return;
        }
        if (qualifying.SelectSingleNode("xades:UnsignedProperties", ns) is XmlElement unsignedProperties)
            // UnsignedSignatureProperties comes before UnsignedDataObjectProperties (schema order).
            editor.PrependChild(unsignedProperties, Wrapped(unsignedProperties, XadesNs, "xades", "UnsignedSignatureProperties", markup));
        else
            editor.AppendChild(qualifying, Wrapped(qualifying, XadesNs, "xades", "UnsignedProperties",
                p => Wrapped(p, XadesNs, "xades", "UnsignedSignatureProperties", markup)));
    }

    /// <summary>An element of <paramref name="ns"/> under <paramref name="parent"/> around <paramref name="content"/>. The
    /// content is made for an element that exists only as text, so a scratch element with the same scope stands in for it.</summary>
    private static string Wrapped(XmlElement parent, string ns, string prefix, string localName, Func<XmlElement, string> content)
    {
        var (name, declaration) = XmlInPlaceEditor.NameIn(parent, ns, prefix, localName);
        var scope = (XmlElement)parent.AppendChild(parent.OwnerDocument.CreateElement(name.Contains(':') ? name.Split(':')[0] : "", localName, ns))!;
        try { return $"<{name}{declaration}>{content(scope)}</{name}>"; }
        finally { parent.RemoveChild(scope); }
    }

    private static string TimeStamp(XmlElement parent, string ns, string prefix, string localName, byte[] token) =>
        Wrapped(parent, ns, prefix, localName, stamp =>
        {
            var (method, methodNs) = XmlInPlaceEditor.NameIn(stamp, DsNs, "ds", "CanonicalizationMethod");
            var (encapsulated, encapsulatedNs) = XmlInPlaceEditor.NameIn(stamp, XadesNs, "xades", "EncapsulatedTimeStamp");
            return $"<{method}{methodNs} Algorithm=\"{C14n}\"></{method}><{encapsulated}{encapsulatedNs}>{Convert.ToBase64String(token)}</{encapsulated}>";
        });

    /// <summary>xades:CertificateValues and xades:RevocationValues (CRLValues, OCSPValues), each only when it has something.</summary>
    private static string Values(XmlElement parent, List<byte[]> certificates, List<byte[]> crls, List<byte[]> ocsp)
    {
        var markup = new StringBuilder();
        if (certificates.Count > 0)
            markup.Append(Wrapped(parent, XadesNs, "xades", "CertificateValues", p => Encapsulated(p, "EncapsulatedX509Certificate", certificates)));
        if (crls.Count > 0 || ocsp.Count > 0)
            markup.Append(Wrapped(parent, XadesNs, "xades", "RevocationValues", p =>
                (crls.Count > 0 ? Wrapped(p, XadesNs, "xades", "CRLValues", v => Encapsulated(v, "EncapsulatedCRLValue", crls)) : "")
                + (ocsp.Count > 0 ? Wrapped(p, XadesNs, "xades", "OCSPValues", v => Encapsulated(v, "EncapsulatedOCSPValue", ocsp)) : "")));
        return markup.ToString();
    }

    private static string Encapsulated(XmlElement parent, string localName, List<byte[]> values)
    {
        var (name, declaration) = XmlInPlaceEditor.NameIn(parent, XadesNs, "xades", localName);
        return string.Concat(values.Select(v => $"<{name}{declaration}>{Convert.ToBase64String(v)}</{name}>"));
    }
}
