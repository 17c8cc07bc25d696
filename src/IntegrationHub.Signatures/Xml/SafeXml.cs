using System.Xml;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// The only way the hub parses XML: no DTD at all (XXE and entity bombs stop at the DOCTYPE), no resolver,
/// no entity expansion, and a size cap, so hostile input fails at once with bounded memory.
/// </summary>
internal static class SafeXml
{
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Canonicalization recurses per level: a hostile nesting depth would overflow the stack and kill the process.</summary>
    public const int MaxDepth = 512;

    public static XmlReaderSettings Settings(long maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxBytes,
        IgnoreProcessingInstructions = false,
        CloseInput = false,
    };

    public static XmlDocument Load(byte[] bytes, long maxBytes = DefaultMaxBytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Load(stream, maxBytes);
    }

    public static XmlDocument Load(Stream stream, long maxBytes = DefaultMaxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
            throw new SignatureFormatException($"The XML document is larger than the limit of {maxBytes} bytes.");
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(stream, Settings(maxBytes));
            doc.Load(reader);
        }
        catch (XmlException e)
        {
            throw new SignatureFormatException($"Not well-formed or forbidden XML (DTDs and entities are refused): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SignatureFormatException($"Unreadable XML: {e.Message}", e);
        }
        if (doc.DocumentElement is null)
            throw new SignatureFormatException("The XML document has no root element.");
        if (DepthExceeds(doc.DocumentElement, MaxDepth))
            throw new SignatureFormatException($"The XML document nests elements deeper than {MaxDepth} levels.");
        return doc;
    }

    private static bool DepthExceeds(XmlElement root, int limit)
    {
        var pending = new Stack<(XmlNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > limit)
                return true;
            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
                if (child is XmlElement)
                    pending.Push((child, depth + 1));
        }
        return false;
    }

    /// <summary>A new empty document set up like the loaded ones (whitespace kept, no resolver).</summary>
    public static XmlDocument NewDocument() => new() { PreserveWhitespace = true, XmlResolver = null };
}
