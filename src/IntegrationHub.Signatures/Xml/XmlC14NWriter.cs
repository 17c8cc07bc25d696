using System.Text;
using System.Xml;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Canonical XML 1.0 (inclusive) and Exclusive XML Canonicalization 1.0 of a whole in-memory document, in one
/// linear pass. .NET's XmlDsigC14NTransform is quadratic in the number of sibling elements (4,000 siblings
/// take seconds), which would let one large file stall the validator; this writer is what the hub uses.
/// The input never holds a DTD (SafeXml refuses them), so there are no entity references or default attributes.
/// </summary>
internal sealed class XmlC14NWriter
{
    private readonly StringBuilder _out = new();
    private readonly bool _exclusive;
    private readonly bool _comments;
    private readonly HashSet<string> _inclusivePrefixes;

    private XmlC14NWriter(bool exclusive, bool comments, string? inclusivePrefixes)
    {
        _exclusive = exclusive;
        _comments = comments;
        _inclusivePrefixes = (inclusivePrefixes ?? "").Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p == "#default" ? "" : p).ToHashSet(StringComparer.Ordinal);
    }

    private IReadOnlyList<XmlAttribute> _apexXmlAttributes = [];

    /// <param name="apexXmlAttributes">xml:* attributes inherited by the document element from outside the subset (inclusive only).</param>
    public static byte[] Write(XmlDocument document, bool exclusive, bool comments, string? inclusivePrefixes,
        IReadOnlyList<XmlAttribute>? apexXmlAttributes = null)
    {
        var writer = new XmlC14NWriter(exclusive, comments, inclusivePrefixes);
        if (!exclusive && apexXmlAttributes is not null) writer._apexXmlAttributes = apexXmlAttributes;
        writer.WriteDocument(document);
        return new UTF8Encoding(false).GetBytes(writer._out.ToString());
    }

    private void WriteDocument(XmlDocument document)
    {
        var afterRoot = false;
        foreach (XmlNode node in document.ChildNodes)
        {
            switch (node)
            {
                case XmlElement element:
                    WriteElement(element, new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal) { [""] = "" });
                    afterRoot = true;
                    break;
                case XmlProcessingInstruction or XmlComment when node is not XmlComment || _comments:
                    if (afterRoot) _out.Append('\n');
                    WriteLeaf(node);
                    if (!afterRoot) _out.Append('\n');
                    break;
            }
        }
    }

    /// <param name="inScope">Namespaces in scope on the parent (prefix to URI; "" is the default namespace).</param>
    /// <param name="rendered">Namespace declarations in effect in the output at the parent.</param>
    private void WriteElement(XmlElement element, Dictionary<string, string> inScope, Dictionary<string, string> rendered)
    {
        // Copy-on-write: most elements declare nothing, so they share their parent's maps.
        var scope = inScope;
        void Bind(string prefix, string uri)
        {
            if (scope.TryGetValue(prefix, out var current) && current == uri)
                return;
            if (ReferenceEquals(scope, inScope))
                scope = new Dictionary<string, string>(inScope, StringComparer.Ordinal);
            scope[prefix] = uri;
        }

        var attributes = new List<XmlAttribute>(element.Attributes.Count);
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlDsigNames.XmlnsNs)
                Bind(attribute.Prefix.Length == 0 ? "" : attribute.LocalName, attribute.Value);
            else
                attributes.Add(attribute);
        }
        if (_apexXmlAttributes.Count > 0 && element == element.OwnerDocument.DocumentElement)
            foreach (var inherited in _apexXmlAttributes)
                if (!element.HasAttribute(inherited.LocalName, inherited.NamespaceURI))
                    attributes.Add(inherited);
        Bind(element.Prefix, element.NamespaceURI); // a prefix bound without a declaration (built in memory)
        foreach (var attribute in attributes)
            if (attribute.Prefix.Length > 0 && attribute.Prefix != "xml")
                Bind(attribute.Prefix, attribute.NamespaceURI);

        var output = rendered;
        List<(string Prefix, string Uri)>? declarations = null;
        foreach (var (prefix, uri) in scope)
        {
            if (prefix == "xml" || !ShouldConsider(element, attributes, prefix))
                continue;
            var previous = output.TryGetValue(prefix, out var value) ? value : (prefix.Length == 0 ? "" : null);
            if (previous == uri || (prefix.Length > 0 && uri.Length == 0))
                continue;
            (declarations ??= []).Add((prefix, uri));
            if (ReferenceEquals(output, rendered))
                output = new Dictionary<string, string>(rendered, StringComparer.Ordinal);
            output[prefix] = uri;
        }
        declarations?.Sort((a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));

        _out.Append('<').Append(element.Name);
        foreach (var (prefix, uri) in declarations ?? [])
        {
            _out.Append(prefix.Length == 0 ? " xmlns=\"" : $" xmlns:{prefix}=\"");
            EscapeAttribute(uri);
            _out.Append('"');
        }
        attributes.Sort((a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.NamespaceURI, b.NamespaceURI);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.LocalName, b.LocalName);
        });
        foreach (var attribute in attributes)
        {
            _out.Append(' ').Append(attribute.Name).Append("=\"");
            EscapeAttribute(attribute.Value);
            _out.Append('"');
        }
        _out.Append('>');
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement e)
                WriteElement(e, scope, output);
            else
                WriteLeaf(child);
        }
        _out.Append("</").Append(element.Name).Append('>');
    }

    /// <summary>Inclusive C14N renders every namespace in scope; Exclusive only those the element or its attributes use, plus the PrefixList.</summary>
    private bool ShouldConsider(XmlElement element, List<XmlAttribute> attributes, string prefix) =>
        !_exclusive
        || _inclusivePrefixes.Contains(prefix)
        || element.Prefix == prefix
        || (prefix.Length > 0 && attributes.Any(a => a.Prefix == prefix));

    private void WriteLeaf(XmlNode node)
    {
        switch (node)
        {
            case XmlText or XmlCDataSection or XmlWhitespace or XmlSignificantWhitespace:
                EscapeText(node.Value ?? "");
                break;
            case XmlComment comment when _comments:
                _out.Append("<!--").Append(comment.Value).Append("-->");
                break;
            case XmlProcessingInstruction pi:
                _out.Append("<?").Append(pi.Target);
                if (!string.IsNullOrEmpty(pi.Data))
                    _out.Append(' ').Append(pi.Data);
                _out.Append("?>");
                break;
        }
    }

    private void EscapeText(string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => _out.Append("&amp;"),
                '<' => _out.Append("&lt;"),
                '>' => _out.Append("&gt;"),
                '\r' => _out.Append("&#xD;"),
                _ => _out.Append(c),
            };
        }
    }

    private void EscapeAttribute(string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => _out.Append("&amp;"),
                '<' => _out.Append("&lt;"),
                '"' => _out.Append("&quot;"),
                '\t' => _out.Append("&#x9;"),
                '\n' => _out.Append("&#xA;"),
                '\r' => _out.Append("&#xD;"),
                _ => _out.Append(c),
            };
        }
    }
}
