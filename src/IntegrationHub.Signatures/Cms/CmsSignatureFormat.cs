using System.Security.Cryptography;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// CMS/PKCS#7 SignedData (CAdES), attached or detached, DER or PEM ("PKCS7", "CMS" or "SIGNED DATA" labels).
/// Detached content comes from <see cref="SignedFile.DetachedContent"/> and is streamed through the hash once per algorithm.
/// </summary>
public sealed class CmsSignatureFormat : ISignatureFormat
{
    /// <summary>A .p7s larger than this is refused rather than read into memory (attached content counts).</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    // DER of the OID 1.2.840.113549.1.7.2 (signedData).
    private static ReadOnlySpan<byte> SignedDataOid => [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

    public string Name => "CADES";

    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        if (head.Length > 0 && head[0] == 0x30) return head.IndexOf(SignedDataOid) is >= 0 and < 32;
        var text = System.Text.Encoding.ASCII.GetString(head);
        return text.Contains("-----BEGIN PKCS7-----", StringComparison.Ordinal)
            || text.Contains("-----BEGIN CMS-----", StringComparison.Ordinal)
            || text.Contains("-----BEGIN SIGNED DATA-----", StringComparison.Ordinal);
    }

    public IReadOnlyList<SignatureEvidence> Read(SignedFile file)
    {
        var der = ReadDer(file.Content);
        Func<HashAlgorithmName, byte[]>? detached = file.DetachedContent is { } content ? algorithm => CmsOids.Hash(algorithm, content) : null;
        // The sniffer saw the signedData OID or a PKCS7/CMS PEM label: from here on a failure is a broken signature.
        try { return CmsSignatureReader.Read(der, detached, Name); }
        catch (SignatureFormatException e) { throw new SignatureFormatException(e.Message, e.InnerException) { SignatureIdentified = true }; }
    }

    private static ReadOnlyMemory<byte> ReadDer(Stream content)
    {
        if (content.CanSeek)
        {
            if (content.Length > MaxFileBytes) throw new SignatureFormatException($"The file is larger than {MaxFileBytes} bytes.");
            content.Position = 0;
        }
        ReadOnlyMemory<byte> bytes;
        if (content is MemoryStream memory && memory.TryGetBuffer(out var segment)) bytes = segment.AsMemory(); // no copy
        else
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        if (bytes.Length == 0) throw new SignatureFormatException("The file is empty.");
        if (bytes.Span[0] == 0x30) return bytes;
        var text = System.Text.Encoding.ASCII.GetString(bytes.Span);
        if (!PemEncoding.TryFind(text, out var fields)) throw new SignatureFormatException("The PKCS7/CMS PEM block is broken.") { SignatureIdentified = true };
        try { return Convert.FromBase64String(text[fields.Base64Data]); }
        catch (FormatException e) { throw new SignatureFormatException("The PEM block is not valid base64.", e) { SignatureIdentified = true }; }
    }
}
