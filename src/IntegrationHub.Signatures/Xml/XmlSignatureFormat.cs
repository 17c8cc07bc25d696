using System.Xml;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// XML-DSig / XAdES: enveloped, enveloping and detached. Parses with DTDs prohibited and no resolver; detached
/// references resolve only against <see cref="SignedFile.DetachedContent"/>. Each evidence's references carry,
/// in <see cref="ReferenceCheck.Detail"/>, the XPath of the element they sign ("signed: /doc[1]"), so a caller
/// can check that it uses that element; wrapping findings are in <see cref="SignatureEvidence.Failures"/>.
/// </summary>
public sealed class XmlSignatureFormat(long maxDocumentBytes = SafeXml.DefaultMaxBytes) : ISignatureFormat
{
    public XmlSignatureFormat() : this(SafeXml.DefaultMaxBytes) { }

    public string Name => "XADES";

    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return true;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        var start = head.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        return start >= 0 && head[start] == (byte)'<';
    }

    public IReadOnlyList<SignatureEvidence> Read(SignedFile file)
    {
        var document = SafeXml.Load(file.Content, maxDocumentBytes);
        var ids = new XmlIdIndex(document);
        Stream? detached = file.DetachedContent;
        // Each external reference reads the detached content from its start; a stream that cannot seek is buffered once.
        Stream? Detached()
        {
            if (detached is { CanSeek: false } once)
            {
                var buffer = new MemoryStream();
                once.CopyTo(buffer);
                detached = buffer;
            }
            if (detached is not null)
                detached.Position = 0;
            return detached;
        }

        var signatures = document.GetElementsByTagName("Signature", XmlDsigNames.DsNs).OfType<XmlElement>()
            .Where(s => !InsideCounterSignature(s)).ToList();
        return signatures.Select((s, i) => XmlSignatureReader.Read(s, $"S-{i + 1}", ids, Detached)).ToList();
    }

    /// <summary>A XAdES counter-signature signs another signature's value, not the document: it is not read as one of the file's signatures.</summary>
    private static bool InsideCounterSignature(XmlElement signature)
    {
        for (var node = signature.ParentNode; node is XmlElement e; node = e.ParentNode)
            if (e.LocalName == "CounterSignature" && e.NamespaceURI == XmlDsigNames.XadesNs)
                return true;
        return false;
    }
}
