using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>XML-DSig / XAdES: enveloped, enveloping and detached. STUB: the XML helper implements it.</summary>
public sealed class XmlSignatureFormat : ISignatureFormat
{
    public string Name => "XADES";
    public bool Recognizes(ReadOnlySpan<byte> head) => false;
    public IReadOnlyList<SignatureEvidence> Read(SignedFile file) => throw new SignatureFormatException("XML reading is not built yet.");
}
