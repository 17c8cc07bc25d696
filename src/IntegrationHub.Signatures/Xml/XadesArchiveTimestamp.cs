using System.Xml;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// The input of a xades141:ArchiveTimeStamp's message imprint (EN 319 132-1 5.5.2.2), concatenated in this order:
/// (1) each ds:Reference's data object after its transforms, in SignedInfo order (a node-set canonicalized with the
/// timestamp's ds:CanonicalizationMethod); (2) ds:SignedInfo, ds:SignatureValue and ds:KeyInfo (if present), each
/// canonicalized; (3) every child element of xades:UnsignedSignatureProperties that comes before the timestamp, in order,
/// each canonicalized (earlier archive timestamps and their validation data included, so a renewal covers them);
/// (4) each ds:Object of the signature but the one holding xades:QualifyingProperties, canonicalized.
/// Without a CanonicalizationMethod, XML-DSig's default (Canonical XML 1.0) applies.
/// </summary>
internal static class XadesArchiveTimestamp
{
    /// <param name="before">The ArchiveTimeStamp whose input this is (the properties before it are taken), or null for a new
    /// one to be appended (every property is taken).</param>
    /// <returns>The bytes to imprint, or the problem that makes them unknowable (detached content not supplied).</returns>
    public static (byte[] Data, string? Problem) Input(XmlElement signature, XmlElement? before, string c14n, XmlIdIndex ids, Func<Stream?> detachedContent)
    {
        var ns = XmlDsigNamespaces.Manager(signature);
        using var data = new MemoryStream();
        try
        {
            foreach (var reference in signature.SelectNodes("ds:SignedInfo/ds:Reference", ns)!.OfType<XmlElement>())
            {
                if (XmlReferenceDigester.ReferencedOctets(reference, signature, ids, detachedContent, c14n) is not { } octets)
                    return ([], "The signed content was not supplied: the archive timestamp cannot be checked.");
                data.Write(octets);
            }
            foreach (var path in new[] { "ds:SignedInfo", "ds:SignatureValue", "ds:KeyInfo" })
                if (signature.SelectSingleNode(path, ns) is XmlElement element)
                    data.Write(XmlCanonicalizer.CanonicalizeElement(element, c14n));
            if (UnsignedSignatureProperties(signature) is { } unsigned)
                foreach (var property in unsigned.ChildNodes.OfType<XmlElement>().TakeWhile(p => p != before))
                    data.Write(XmlCanonicalizer.CanonicalizeElement(property, c14n));
            foreach (var obj in signature.SelectNodes("ds:Object", ns)!.OfType<XmlElement>())
                if (obj.SelectSingleNode("xades:QualifyingProperties", ns) is null)
                    data.Write(XmlCanonicalizer.CanonicalizeElement(obj, c14n));
        }
        catch (Exception e) when (e is NotSupportedException or SignatureFormatException or XmlException or System.Security.Cryptography.CryptographicException)
        {
            return ([], $"The archive timestamp's input cannot be computed: {e.Message}");
        }
        return (data.ToArray(), null);
    }

    public static XmlElement? UnsignedSignatureProperties(XmlElement signature) =>
        signature.SelectSingleNode("ds:Object/xades:QualifyingProperties/xades:UnsignedProperties/xades:UnsignedSignatureProperties",
            XmlDsigNamespaces.Manager(signature)) as XmlElement;
}
