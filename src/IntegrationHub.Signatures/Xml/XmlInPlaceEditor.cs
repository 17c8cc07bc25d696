using System.Text;
using System.Xml;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Inserts markup into a signed XML document without re-serializing it: every byte outside the insertions stays as it
/// was, so the signed parts (and anything an independent verifier digests) cannot change through a writer's choices of
/// quotes, empty tags, character references or line ends. The document is parsed once by <see cref="SafeXml"/> to find
/// the elements (<see cref="Document"/>) and scanned once to learn where each element's tags are in the text; the k-th
/// element of that scan is the k-th element in document order. UTF-8 (with or without BOM) and UTF-16 (with BOM) only.
/// </summary>
internal sealed class XmlInPlaceEditor
{
    private readonly byte[] _bytes;
    private readonly Encoding _encoding;
    private readonly int _preamble;
    private readonly string _text;
    private readonly Dictionary<XmlElement, ElementTags> _tags;
    private readonly List<(int Start, int Length, string Text)> _edits = [];

    /// <summary>Where one element's tags sit in the text (character indexes).</summary>
    private sealed record ElementTags(string Name, int StartTagEnd, int EndTagStart, bool Empty);

    public XmlInPlaceEditor(byte[] bytes)
    {
        _bytes = bytes;
        Document = SafeXml.Load(bytes);
        (_encoding, _preamble) = EncodingOf(bytes);
        _text = _encoding.GetString(bytes, _preamble, bytes.Length - _preamble);
        var scanned = Scan(_text);
        var elements = Document.SelectNodes("//*")!.OfType<XmlElement>().ToList();
        if (scanned.Count != elements.Count)
            throw new SignatureFormatException("The XML document could not be mapped for an in-place edit.");
        _tags = new Dictionary<XmlElement, ElementTags>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < elements.Count; i++)
        {
            if (scanned[i].Name != elements[i].Name)
                throw new SignatureFormatException($"The XML document could not be mapped for an in-place edit (at {elements[i].Name}).");
            _tags[elements[i]] = scanned[i];
        }
    }

    /// <summary>The document as parsed, to find elements and namespaces in; never saved.</summary>
    public XmlDocument Document { get; }

    /// <summary>Markup to go in as the last children of <paramref name="parent"/> (an empty element is opened for it).</summary>
    public void AppendChild(XmlElement parent, string markup)
    {
        var tags = _tags[parent];
        if (tags.Empty)
            // "<x .../>" becomes "<x ...>markup</x>": the "/>" is replaced, nothing else of the tag changes.
            _edits.Add((tags.StartTagEnd - 2, 2, ">" + markup + "</" + tags.Name + ">"));
        else
            _edits.Add((tags.EndTagStart, 0, markup));
    }

    /// <summary>Markup to go in as the first children of <paramref name="parent"/>.</summary>
    public void PrependChild(XmlElement parent, string markup)
    {
        if (_tags[parent].Empty) AppendChild(parent, markup);
        else _edits.Add((_tags[parent].StartTagEnd, 0, markup));
    }

    /// <summary>The document bytes with the insertions made; the rest is the input's bytes, copied.</summary>
    public byte[] Result()
    {
        using var output = new MemoryStream(_bytes.Length + 4096);
        var done = 0; // characters of _text already copied
        var doneBytes = _preamble;
        output.Write(_bytes, 0, _preamble);
        foreach (var (start, length, text) in _edits.OrderBy(e => e.Start))
        {
            var bytes = _encoding.GetByteCount(_text.AsSpan(done, start - done));
            output.Write(_bytes, doneBytes, bytes);
            doneBytes += bytes + _encoding.GetByteCount(_text.AsSpan(start, length));
            output.Write(_encoding.GetBytes(text));
            done = start + length;
        }
        output.Write(_bytes, doneBytes, _bytes.Length - doneBytes);
        return output.ToArray();
    }

    /// <summary>The qualified name to write for an element of <paramref name="ns"/> under <paramref name="parent"/>, and the
    /// declaration to put on it when no prefix is bound there (then <paramref name="preferredPrefix"/> is declared).</summary>
    public static (string Name, string Declaration) NameIn(XmlElement parent, string ns, string preferredPrefix, string localName)
    {
        var prefix = parent.GetPrefixOfNamespace(ns);
        if (prefix.Length > 0) return ($"{prefix}:{localName}", "");
        if (parent.GetNamespaceOfPrefix("") == ns) return (localName, "");
        return ($"{preferredPrefix}:{localName}", $" xmlns:{preferredPrefix}=\"{ns}\"");
    }

    private static (Encoding, int) EncodingOf(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false, true), 3);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false, true), 2);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false, true), 2);
        // No BOM: UTF-8 unless the declaration names another encoding, which is refused rather than mis-edited.
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        var declared = System.Text.RegularExpressions.Regex.Match(head, "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)[\"']");
        if (declared.Success && !declared.Groups[1].Value.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
            throw new SignatureFormatException($"Only UTF-8 or UTF-16 XML can be augmented in place (this document is {declared.Groups[1].Value}).");
        return (new UTF8Encoding(false, true), 0);
    }

    /// <summary>
    /// The elements' tags in document order. The input is well-formed (SafeXml parsed it, no DTD), so a scan that skips
    /// comments, CDATA sections, processing instructions and quoted attribute values finds every tag.
    /// </summary>
    private static List<ElementTags> Scan(string text)
    {
        var result = new List<ElementTags>();
        var open = new Stack<(int Index, string Name, int StartTagEnd)>();
        var i = 0;
        while ((i = text.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0) { i = End(text, i, "-->"); continue; }
            if (string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0) { i = End(text, i, "]]>"); continue; }
            if (string.CompareOrdinal(text, i, "<?", 0, 2) == 0) { i = End(text, i, "?>"); continue; }
            if (string.CompareOrdinal(text, i, "<!", 0, 2) == 0) { i = End(text, i, ">"); continue; }
            if (text[i + 1] == '/')
            {
                var (start, name, startTagEnd) = open.Pop();
                result[start] = new ElementTags(name, startTagEnd, i, false);
                i = End(text, i, ">");
                continue;
            }
            var nameEnd = i + 1;
            while (!char.IsWhiteSpace(text[nameEnd]) && text[nameEnd] is not ('>' or '/')) nameEnd++;
            var elementName = text[(i + 1)..nameEnd];
            var j = nameEnd;
            for (char? quote = null; ; j++)
            {
                var c = text[j];
                if (quote is not null) { if (c == quote) quote = null; }
                else if (c is '"' or '\'') quote = c;
                else if (c == '>') break;
            }
            var empty = text[j - 1] == '/';
            result.Add(new ElementTags(elementName, j + 1, empty ? j + 1 : -1, empty));
            if (!empty) open.Push((result.Count - 1, elementName, j + 1));
            i = j + 1;
        }
        return result;
    }

    private static int End(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, StringComparison.Ordinal);
        if (end < 0) throw new SignatureFormatException("The XML document could not be mapped for an in-place edit.");
        return end + terminator.Length;
    }
}
