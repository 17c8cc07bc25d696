using System.Xml;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Signature wrapping (XSW) defences, and what a signature covers. A signature over one element by its Id is a valid
/// signature over that element, as EU DSS and xmlsec1 hold; the report then says, in a warning, which element is signed
/// and that the rest of the document is not. What wrapping needs is refused (FORMAT_FAILURE, so TOTAL_FAILED):
/// an Id carried twice (a reference must resolve to exactly one element), an enveloped signature whose signed element
/// is not the document element (a signed document copied into another), and signed data hidden inside a ds:Signature
/// (moved into an Object or KeyInfo) unless the signature is the document itself and the data is in its own Object
/// (an enveloping signature).
/// </summary>
internal static class XmlWrappingCheck
{
    public static (List<(string SubIndication, string Message)> Failures, List<string> Warnings) Check(
        XmlElement signature, IReadOnlyList<ReferenceResolution> references, XmlIdIndex ids, XmlElement? signedProperties)
    {
        var failures = new List<(string, string)>();
        var warnings = new List<string>();
        void Fail(string message) => failures.Add((SubIndication.FormatFailure, "signature wrapping: " + message));

        foreach (var id in ids.DuplicateIds)
            Fail($"the Id '{id}' is carried by several elements");

        var document = signature.OwnerDocument.DocumentElement!;
        var data = references.Where(r => r.Type != XmlDsigNames.SignedPropertiesType).ToList();
        foreach (var reference in references.Where(r => r.Type == XmlDsigNames.SignedPropertiesType && r.Found))
            if (signedProperties is null || reference.Target != signedProperties)
                Fail($"the SignedProperties reference {reference.Name} does not point at this signature's xades:SignedProperties");

        if (data.Count == 0)
            Fail("no data object is signed");

        bool CoversDocument(ReferenceResolution r) => r.WholeDocument || r.Target == document;
        foreach (var reference in data.Where(r => r.Enveloped && r.Found && !CoversDocument(r)))
            Fail($"the enveloped signature signs {Where(reference)}, not the document element {XmlIdIndex.PathOf(document)}");

        var enveloping = signature == document;
        foreach (var reference in data.Where(r => r is { Found: true, Target: not null } && !CoversDocument(r)))
        {
            var holder = EnclosingSignature(reference.Target!);
            if (holder is not null && !(enveloping && holder == signature && InOwnObject(reference.Target!, signature)))
                Fail($"the signed element {Where(reference)} sits inside a ds:Signature, where the document's reader does not look");
        }

        var sameDocument = data.Where(r => !r.External && r.Found).ToList();
        if (!enveloping && sameDocument.Count > 0 && !sameDocument.Any(CoversDocument))
            warnings.Add($"The signature covers only {string.Join(", ", sameDocument.Select(Where))}: the rest of the document "
                         + $"({XmlIdIndex.PathOf(document)}) is not signed.");
        return (failures, warnings);
    }

    private static XmlElement? EnclosingSignature(XmlNode node)
    {
        for (var n = node.ParentNode; n is XmlElement e; n = e.ParentNode)
            if (e.LocalName == "Signature" && e.NamespaceURI == XmlDsigNames.DsNs)
                return e;
        return null;
    }

    private static bool InOwnObject(XmlNode node, XmlElement signature)
    {
        for (var n = node; n is XmlElement e && e != signature; n = e.ParentNode)
            if (e.LocalName == "Object" && e.NamespaceURI == XmlDsigNames.DsNs && e.ParentNode == signature)
                return true;
        return false;
    }

    private static string Where(ReferenceResolution r) => r.Target is null ? r.Name : XmlIdIndex.PathOf(r.Target);
}
