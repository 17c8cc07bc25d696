using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Formats;

/// <summary>
/// A format module: recognises its files and turns them into signature evidence. Registered in
/// <see cref="SignatureFormats"/>; the validation core does the rest.
/// </summary>
public interface ISignatureFormat
{
    /// <summary>The report's "format" word: CADES (also plain CMS), XADES, PADES.</summary>
    string Name { get; }

    /// <summary>Cheap sniff on the first bytes of the file (at most 1 KiB).</summary>
    bool Recognizes(ReadOnlySpan<byte> head);

    /// <summary>
    /// Reads every signature of the file. Throws <see cref="SignatureFormatException"/> for input that is not
    /// a well-formed file of this format (the core reports FORMAT_FAILURE). Never reads external resources.
    /// </summary>
    IReadOnlyList<SignatureEvidence> Read(SignedFile file);
}

/// <summary>The file to validate. <see cref="Content"/> is seekable; <see cref="DetachedContent"/> is the signed data of a detached signature.</summary>
public sealed record SignedFile(string Name, Stream Content, Stream? DetachedContent = null);

/// <summary>
/// The file cannot be read as a signature of its format. <see cref="SignatureIdentified"/> says whether a signature
/// structure was recognised before it broke: then the signature is malformed (TOTAL_FAILED/FORMAT_FAILURE);
/// otherwise no signature can be identified at all (INDETERMINATE).
/// </summary>
public sealed class SignatureFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    public bool SignatureIdentified { get; init; }
}
