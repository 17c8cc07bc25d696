using System.Xml;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>
/// Signature wrapping (XSW) defences. The caller of the hub uses the whole document (or, for a signature that
/// is itself the document element, what it envelops; or the detached content), so a signature must cover
/// exactly that. Findings are FORMAT_FAILURE failures, which make the signature TOTAL_FAILED.
/// </summary>
internal static class XmlWrappingCheck
{
    public static List<(string SubIndication, string Message)> Check(
        XmlElement signature, IReadOnlyList<ReferenceResolution> references, XmlIdIndex ids, XmlElement? signedProperties)
    {
        var failures = new List<(string, string)>();
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

        var sameDocument = data.Where(r => !r.External).ToList();
        var embedded = signature != document;
        if (embedded && sameDocument.Count > 0 && !sameDocument.Any(CoversDocument))
            Fail($"the document element {XmlIdIndex.PathOf(document)} is not signed; signed: {string.Join(", ", sameDocument.Select(Where))}");
        return failures;
    }

    private static string Where(ReferenceResolution r) => r.Target is null ? r.Name : XmlIdIndex.PathOf(r.Target);
}
