using System.Security.Cryptography;
using System.Xml;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Xml;

/// <summary>What one ds:Reference pointed at and whether its digest matched.</summary>
internal sealed record ReferenceResolution(
    string Name,
    string? Type,
    bool Found,
    bool Intact,
    string? Detail,
    XmlElement? Target = null,
    bool WholeDocument = false,
    bool External = false,
    bool Enveloped = false,
    bool Unsupported = false,
    byte[]? ComputedDigest = null);

/// <summary>
/// Resolves a ds:Reference and computes its digest: same-document references by ID (exactly one element),
/// "" for the whole document, anything else only against the detached content the caller supplied, never
/// the network or the file system. Transforms: enveloped-signature, C14N 1.0 and Exclusive C14N.
/// </summary>
internal static class XmlReferenceDigester
{
    private const string ExcC14NNs = "http://www.w3.org/2001/10/xml-exc-c14n#";

    public static ReferenceResolution Resolve(XmlElement reference, XmlElement signature, XmlIdIndex ids, Func<Stream?> detachedContent)
    {
        var uri = reference.GetAttributeNode("URI")?.Value;
        var name = uri ?? "(no URI: detached content)";
        var type = reference.GetAttribute("Type") is { Length: > 0 } t ? t : null;
        var transforms = reference.SelectNodes("ds:Transforms/ds:Transform", XmlDsigNamespaces.Manager(reference))!
            .OfType<XmlElement>().ToList();
        var enveloped = transforms.Any(x => x.GetAttribute("Algorithm") == XmlDsigNames.EnvelopedTransform);
        var digestUri = Child(reference, "DigestMethod")?.GetAttribute("Algorithm");
        if (XmlAlgorithms.FindDigestMethod(digestUri) is not { } hash)
            return new(name, type, true, false, $"unsupported digest method {digestUri}", Enveloped: enveloped, Unsupported: true);
        byte[] expected;
        try { expected = Convert.FromBase64String(Child(reference, "DigestValue")?.InnerText ?? ""); }
        catch (FormatException) { return new(name, type, true, false, "DigestValue is not base64", Enveloped: enveloped, Unsupported: true); }

        var external = uri is null || (uri.Length > 0 && !uri.StartsWith('#'));
        try
        {
            if (external)
            {
                var data = detachedContent();
                if (data is null)
                    return new(name, type, false, false, "detached content not supplied", External: true);
                var digest = transforms.Count == 0
                    ? XmlAlgorithms.Hash(hash, data) // streamed: a large detached PDF is never held in memory
                    : XmlAlgorithms.Hash(hash, TransformDetachedXml(data, transforms));
                return Outcome(name, type, expected, digest, "detached content", null, false, true, enveloped);
            }
            var (target, whole, keepComments, failure) = ResolveSameDocument(uri!, reference.OwnerDocument, ids);
            if (failure is not null)
                return new(name, type, false, false, failure, Enveloped: enveloped);
            var octets = TransformNodeSet(target, whole, keepComments, signature, transforms);
            var path = whole ? "/" : XmlIdIndex.PathOf((XmlElement)target);
            return Outcome(name, type, expected, XmlAlgorithms.Hash(hash, octets), path, target as XmlElement, whole, false, enveloped);
        }
        catch (Exception e) when (e is NotSupportedException or CryptographicException or SignatureFormatException or XmlException)
        {
            return new(name, type, true, false, e.Message, External: external, Enveloped: enveloped, Unsupported: true);
        }
    }

    /// <summary>
    /// The octets a reference's data object yields after its transforms (what its digest is computed over), as the XAdES
    /// archive timestamp takes them (EN 319 132-1 5.5.2): a same-document node-set without a canonicalization transform is
    /// canonicalized with <paramref name="nodeSetC14n"/>. Null when the data is detached and was not supplied.
    /// </summary>
    public static byte[]? ReferencedOctets(XmlElement reference, XmlElement signature, XmlIdIndex ids, Func<Stream?> detachedContent, string nodeSetC14n)
    {
        var uri = reference.GetAttributeNode("URI")?.Value;
        var transforms = reference.SelectNodes("ds:Transforms/ds:Transform", XmlDsigNamespaces.Manager(reference))!
            .OfType<XmlElement>().ToList();
        if (uri is null || (uri.Length > 0 && !uri.StartsWith('#')))
        {
            if (detachedContent() is not { } data)
                return null;
            if (transforms.Count > 0)
                return TransformDetachedXml(data, transforms);
            using var buffer = new MemoryStream();
            data.CopyTo(buffer);
            return buffer.ToArray();
        }
        var (target, whole, keepComments, failure) = ResolveSameDocument(uri, reference.OwnerDocument, ids);
        if (failure is not null)
            throw new SignatureFormatException($"reference {uri}: {failure}");
        var canonicalizes = transforms.Any(t => XmlCanonicalizer.IsSupported(t.GetAttribute("Algorithm")));
        return TransformNodeSet(target, whole, keepComments, signature, transforms, canonicalizes ? XmlDsigNames.C14N : nodeSetC14n);
    }

    private static ReferenceResolution Outcome(string name, string? type, byte[] expected, byte[] actual, string what,
        XmlElement? target, bool whole, bool external, bool enveloped)
    {
        var intact = CryptographicOperations.FixedTimeEquals(expected, actual);
        var detail = intact ? $"signed: {what}" : $"digest does not match (signed: {what})";
        return new(name, type, true, intact, detail, target, whole, external, enveloped, ComputedDigest: actual);
    }

    private static (XmlNode Target, bool Whole, bool KeepComments, string? Failure) ResolveSameDocument(string uri, XmlDocument document, XmlIdIndex ids)
    {
        if (uri.Length == 0)
            return (document, true, false, null);
        if (uri == "#xpointer(/)")
            return (document, true, true, null);
        var keepComments = false;
        var id = uri[1..];
        if (id.StartsWith("xpointer(id(", StringComparison.Ordinal) && id.EndsWith("))", StringComparison.Ordinal))
        {
            id = id["xpointer(id(".Length..^2].Trim('\'', '"');
            keepComments = true;
        }
        var found = ids.Find(id);
        return found.Count switch
        {
            0 => (document, false, false, $"no element has the Id '{id}'"),
            1 => (found[0], false, keepComments, null),
            _ => (document, false, false, $"the Id '{id}' is carried by {found.Count} elements"),
        };
    }

    private static byte[] TransformNodeSet(XmlNode target, bool whole, bool keepComments, XmlElement signature, List<XmlElement> transforms,
        string finalC14n = XmlDsigNames.C14N)
    {
        var work = whole ? XmlCanonicalizer.CopyDocument((XmlDocument)target) : XmlCanonicalizer.Detach((XmlElement)target);
        XmlNode workRoot = whole ? work : work.DocumentElement!;
        var inheritedXml = whole ? null : XmlCanonicalizer.InheritedXmlAttributes((XmlElement)target, work);
        var signatureCopy = Follow(workRoot, PathTo(target, signature));
        if (!keepComments)
            foreach (var comment in work.SelectNodes("//comment()")!.OfType<XmlNode>().ToList())
                comment.ParentNode!.RemoveChild(comment);

        byte[]? octets = null;
        foreach (var transform in transforms)
        {
            var algorithm = transform.GetAttribute("Algorithm");
            if (octets is not null)
                throw new NotSupportedException($"unsupported transform {algorithm} after canonicalization");
            if (algorithm == XmlDsigNames.EnvelopedTransform)
            {
                if (signatureCopy is { ParentNode: XmlElement parent })
                    parent.RemoveChild(signatureCopy);
            }
            else if (XmlCanonicalizer.IsSupported(algorithm))
                octets = XmlCanonicalizer.Canonicalize(work, algorithm, InclusivePrefixes(transform), inheritedXml);
            else
                throw new NotSupportedException($"unsupported transform {algorithm}");
        }
        return octets ?? XmlCanonicalizer.Canonicalize(work, finalC14n, null, inheritedXml);
    }

    private static byte[] TransformDetachedXml(Stream data, List<XmlElement> transforms)
    {
        var algorithm = transforms[0].GetAttribute("Algorithm");
        if (transforms.Count > 1 || !XmlCanonicalizer.IsSupported(algorithm))
            throw new NotSupportedException($"unsupported transform chain on detached content ({algorithm})");
        return XmlCanonicalizer.Canonicalize(SafeXml.Load(data), algorithm, InclusivePrefixes(transforms[0]));
    }

    private static string? InclusivePrefixes(XmlElement transform) =>
        transform.GetElementsByTagName("InclusiveNamespaces", ExcC14NNs).OfType<XmlElement>().FirstOrDefault()?.GetAttribute("PrefixList");

    private static XmlElement? Child(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName && e.NamespaceURI == XmlDsigNames.DsNs);

    /// <summary>Child positions from <paramref name="root"/> down to <paramref name="node"/>, or null when it is not inside.</summary>
    private static List<int>? PathTo(XmlNode root, XmlNode node)
    {
        var path = new List<int>();
        for (var n = node; n != root; n = n.ParentNode!)
        {
            if (n.ParentNode is null)
                return null;
            var index = 0;
            for (var s = n.PreviousSibling; s is not null; s = s.PreviousSibling)
                index++;
            path.Add(index);
        }
        path.Reverse();
        return path;
    }

    private static XmlNode? Follow(XmlNode root, List<int>? path)
    {
        if (path is null || path.Count == 0)
            return null;
        var node = root;
        foreach (var index in path)
            node = node.ChildNodes[index]!;
        return node;
    }
}
