using System.Security.Cryptography.Xml;
using System.Xml;

namespace IntegrationHub.Signatures.Xml;

/// <summary>Canonical XML 1.0 and Exclusive C14N over in-memory documents (never over streams: those would be re-parsed with other settings).</summary>
internal static class XmlCanonicalizer
{
    public static bool IsSupported(string? uri) =>
        uri is XmlDsigNames.C14N or XmlDsigNames.C14NWithComments or XmlDsigNames.ExcC14N or XmlDsigNames.ExcC14NWithComments;

    public static byte[] Canonicalize(XmlDocument document, string algorithm, string? inclusivePrefixes = null) =>
        algorithm switch
        {
            XmlDsigNames.C14N => XmlC14NWriter.Write(document, exclusive: false, comments: false, null),
            XmlDsigNames.C14NWithComments => XmlC14NWriter.Write(document, exclusive: false, comments: true, null),
            XmlDsigNames.ExcC14N => XmlC14NWriter.Write(document, exclusive: true, comments: false, inclusivePrefixes),
            XmlDsigNames.ExcC14NWithComments => XmlC14NWriter.Write(document, exclusive: true, comments: true, inclusivePrefixes),
            _ => throw new NotSupportedException($"Unsupported canonicalization method {algorithm}."),
        };

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

    /// <summary>Canonicalizes one element as a document subset: the namespaces it inherits come with it.</summary>
    public static byte[] CanonicalizeElement(XmlElement element, string algorithm, string? inclusivePrefixes = null) =>
        Canonicalize(Detach(element), algorithm, inclusivePrefixes);

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
