using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>CMS/PKCS#7 SignedData (CAdES), attached or detached, DER or PEM. STUB: the CMS helper implements it.</summary>
public sealed class CmsSignatureFormat : ISignatureFormat
{
    public string Name => "CADES";
    public bool Recognizes(ReadOnlySpan<byte> head) => false;
    public IReadOnlyList<SignatureEvidence> Read(SignedFile file) => throw new SignatureFormatException("CMS reading is not built yet.");
}
