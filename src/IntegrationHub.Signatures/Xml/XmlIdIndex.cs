using System.Xml;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Every element carrying an ID-like attribute (Id, ID, id, wsu:Id, xml:id), by value. Same-document
/// references resolve here; a value carried twice is the mark of a signature wrapping attempt.
/// </summary>
internal sealed class XmlIdIndex
{
    private readonly Dictionary<string, List<XmlElement>> _byId = new(StringComparer.Ordinal);

    public XmlIdIndex(XmlDocument document)
    {
        foreach (XmlElement element in document.SelectNodes("//*")!.OfType<XmlElement>())
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (!IsIdAttribute(attribute))
                    continue;
                if (!_byId.TryGetValue(attribute.Value, out var list))
                    _byId[attribute.Value] = list = [];
                if (!list.Contains(element))
                    list.Add(element);
            }
        }
    }

    public IReadOnlyList<XmlElement> Find(string id) => _byId.TryGetValue(id, out var list) ? list : [];

    public IEnumerable<string> DuplicateIds => _byId.Where(p => p.Value.Count > 1).Select(p => p.Key);

    private static bool IsIdAttribute(XmlAttribute a) =>
        (a.NamespaceURI.Length == 0 && a.LocalName is "Id" or "ID" or "id")
        || (a.NamespaceURI == XmlDsigNames.WsuNs && a.LocalName == "Id")
        || (a.NamespaceURI == XmlDsigNames.XmlNs && a.LocalName == "id");

    /// <summary>A readable, unambiguous XPath of an element (position among same-named siblings).</summary>
    public static string PathOf(XmlElement element)
    {
        var steps = new Stack<string>();
        for (XmlNode? node = element; node is XmlElement e; node = e.ParentNode)
        {
            var position = 1;
            for (var s = e.PreviousSibling; s is not null; s = s.PreviousSibling)
                if (s is XmlElement sibling && sibling.LocalName == e.LocalName && sibling.NamespaceURI == e.NamespaceURI)
                    position++;
            steps.Push($"{e.Name}[{position}]");
        }
        return "/" + string.Join('/', steps);
    }
}
