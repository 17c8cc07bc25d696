using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>PDF signatures (adbe.pkcs7.detached, ETSI.CAdES.detached) with revision analysis. STUB: the PDF helper implements it.</summary>
public sealed class PdfSignatureFormat : ISignatureFormat
{
    public string Name => "PADES";
    public bool Recognizes(ReadOnlySpan<byte> head) => false;
    public IReadOnlyList<SignatureEvidence> Read(SignedFile file) => throw new SignatureFormatException("PDF reading is not built yet.");
}
