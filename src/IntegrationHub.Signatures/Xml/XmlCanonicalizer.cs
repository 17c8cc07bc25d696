using System.Security.Cryptography.Xml;
using System.Xml;

namespace IntegrationHub.Signatures.Xml;

/// <summary>Canonical XML 1.0 and 1.1 and Exclusive C14N over in-memory documents (never over streams: those would be re-parsed with other settings).</summary>
internal static class XmlCanonicalizer
{
    public static bool IsSupported(string? uri) =>
        uri is XmlDsigNames.C14N or XmlDsigNames.C14NWithComments or XmlDsigNames.ExcC14N or XmlDsigNames.ExcC14NWithComments
            or XmlDsigNames.C14N11 or XmlDsigNames.C14N11WithComments;

    /// <param name="inheritedXmlAttributes">
    /// xml:* attributes (xml:lang, xml:space, xml:base...) in scope on the apex's ancestors when the document is a
    /// detached subset: inclusive C14N renders them on the apex (C14N 1.0 §2.4); exclusive C14N does not.
    /// </param>
    public static byte[] Canonicalize(XmlDocument document, string algorithm, string? inclusivePrefixes = null,
        IReadOnlyList<XmlAttribute>? inheritedXmlAttributes = null) =>
        algorithm switch
        {
            XmlDsigNames.C14N => XmlC14NWriter.Write(document, exclusive: false, comments: false, null, inheritedXmlAttributes),
            XmlDsigNames.C14NWithComments => XmlC14NWriter.Write(document, exclusive: false, comments: true, null, inheritedXmlAttributes),
            XmlDsigNames.ExcC14N => XmlC14NWriter.Write(document, exclusive: true, comments: false, inclusivePrefixes, null),
            XmlDsigNames.ExcC14NWithComments => XmlC14NWriter.Write(document, exclusive: true, comments: true, inclusivePrefixes, null),
            XmlDsigNames.C14N11 => XmlC14NWriter.Write(document, exclusive: false, comments: false, null, InheritedUnder11(inheritedXmlAttributes)),
            XmlDsigNames.C14N11WithComments => XmlC14NWriter.Write(document, exclusive: false, comments: true, null, InheritedUnder11(inheritedXmlAttributes)),
            _ => throw new NotSupportedException($"Unsupported canonicalization method {algorithm}."),
        };

    /// <summary>
    /// Canonical XML 1.1 (W3C 2008) differs from 1.0 only in what a document subset's apex inherits: xml:lang and
    /// xml:space as before, xml:id no more (it is not inheritable), and xml:base joined along the ancestors (§2.4),
    /// which the hub does not do: a subset under an xml:base is refused rather than digested wrongly.
    /// </summary>
    private static IReadOnlyList<XmlAttribute>? InheritedUnder11(IReadOnlyList<XmlAttribute>? inherited)
    {
        if (inherited is null || inherited.Count == 0) return inherited;
        if (inherited.Any(a => a.LocalName == "base"))
            throw new NotSupportedException("C14N 1.1 of an element under an inherited xml:base (URI fix-up) is not supported");
        return inherited.Where(a => a.LocalName != "id").ToList();
    }

    /// <summary>The same through .NET's SignedXml transforms: kept as the reference the hub's writer is tested against.</summary>
    internal static byte[] CanonicalizeWithDotNet(XmlDocument document, string algorithm, string? inclusivePrefixes = null)
    {
        Transform transform = algorithm switch
        {
            XmlDsigNames.C14N => new XmlDsigC14NTransform(false),
            XmlDsigNames.C14NWithComments => new XmlDsigC14NTransform(true),
            XmlDsigNames.ExcC14N => new XmlDsigExcC14NTransform(false, inclusivePrefixes),
            XmlDsigNames.ExcC14NWithComments => new XmlDsigExcC14NTransform(true, inclusivePrefixes),
            _ => throw new NotSupportedException($"Unsupported canonicalization method {algorithm}."),
        };
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Canonicalizes one element as a document subset: the namespaces (and, inclusive, the xml:* attributes) it inherits come with it.</summary>
    public static byte[] CanonicalizeElement(XmlElement element, string algorithm, string? inclusivePrefixes = null)
    {
        var detached = Detach(element);
        return Canonicalize(detached, algorithm, inclusivePrefixes, InheritedXmlAttributes(element, detached));
    }

    /// <summary>
    /// The xml:* attributes the element inherits from its ancestors and does not carry itself, the nearest ancestor
    /// winning, created in <paramref name="owner"/> but not attached (only inclusive C14N renders them).
    /// </summary>
    public static IReadOnlyList<XmlAttribute> InheritedXmlAttributes(XmlElement element, XmlDocument owner)
    {
        List<XmlAttribute>? inherited = null;
        for (var node = element.ParentNode; node is XmlElement ancestor; node = ancestor.ParentNode)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI != XmlDsigNames.XmlNs
                    || element.HasAttribute(attribute.LocalName, XmlDsigNames.XmlNs)
                    || (inherited?.Exists(a => a.LocalName == attribute.LocalName) ?? false))
                    continue;
                var copy = owner.CreateAttribute("xml", attribute.LocalName, XmlDsigNames.XmlNs);
                copy.Value = attribute.Value;
                (inherited ??= []).Add(copy);
            }
        }
        return inherited ?? [];
    }

    /// <summary>
    /// Copies an element into a document of its own and declares on it the namespaces it inherits from its
    /// ancestors (the nearest declaration wins), which is what C14N renders for the apex of a document subset.
    /// </summary>
    public static XmlDocument Detach(XmlElement element)
    {
        var document = SafeXml.NewDocument();
        var copy = (XmlElement)document.ImportNode(element, deep: true);
        document.AppendChild(copy);
        for (var node = element.ParentNode; node is XmlElement ancestor; node = ancestor.ParentNode)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI != XmlDsigNames.XmlnsNs || copy.HasAttribute(attribute.Name))
                    continue;
                var declaration = document.CreateAttribute(attribute.Prefix, attribute.LocalName, XmlDsigNames.XmlnsNs);
                declaration.Value = attribute.Value;
                copy.Attributes.Append(declaration);
            }
        }
        return document;
    }

    /// <summary>A deep copy of a whole document (prolog, comments and processing instructions included).</summary>
    public static XmlDocument CopyDocument(XmlDocument source)
    {
        var document = SafeXml.NewDocument();
        foreach (XmlNode child in source.ChildNodes)
            document.AppendChild(document.ImportNode(child, deep: true));
        return document;
    }
}
