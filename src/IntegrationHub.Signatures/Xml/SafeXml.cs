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
        return doc;
    }

    /// <summary>A new empty document set up like the loaded ones (whitespace kept, no resolver).</summary>
    public static XmlDocument NewDocument() => new() { PreserveWhitespace = true, XmlResolver = null };
}
