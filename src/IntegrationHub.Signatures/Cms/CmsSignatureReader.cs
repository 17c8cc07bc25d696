using System.Security.Cryptography;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// Reads a DER CMS SignedData (ContentInfo) into evidence. Shared by the CMS format and the PDF format
/// (which passes the digest of the ByteRange as detached content). STUB: the CMS helper implements it.
/// </summary>
public static class CmsSignatureReader
{
    /// <param name="contentInfoDer">DER ContentInfo holding SignedData.</param>
    /// <param name="detachedContentDigest">For detached signatures: computes the digest of the signed content with the
    /// algorithm asked for (streams the content; may be called once per distinct algorithm). Null when attached.</param>
    /// <param name="format">The evidence's Format word when ETSI attributes are present (CADES or PADES).</param>
    /// <param name="firstIndex">Number of the first signature (Id "S-{n}").</param>
    public static IReadOnlyList<SignatureEvidence> Read(
        ReadOnlyMemory<byte> contentInfoDer,
        Func<HashAlgorithmName, byte[]>? detachedContentDigest,
        string format,
        int firstIndex = 1)
        => throw new NotImplementedException();
}
