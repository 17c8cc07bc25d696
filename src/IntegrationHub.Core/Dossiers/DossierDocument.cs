namespace IntegrationHub.Core.Dossiers;

/// <summary>
/// A document attached to a dossier. The content is stored once per SHA-256 (lower-case hex) and read by hash.
/// <see cref="SignatureReportJson"/> is the validation report (DESIGN.md's JSON) as produced at intake;
/// <see cref="Flagged"/> marks a document accepted although unsigned or not TOTAL_PASSED.
/// </summary>
public sealed record DossierDocument(
    string Name,
    string MediaType,
    long Size,
    string Sha256,
    string? DetachedSignatureSha256,
    string? SignatureReportJson,
    bool Flagged);

/// <summary>A document with its bytes, as handed to the store.</summary>
public sealed record DocumentUpload(
    string Name,
    string MediaType,
    byte[] Content,
    byte[]? DetachedSignature,
    string? SignatureReportJson,
    bool Flagged)
{
    private string? _sha256, _detachedSha256;

    // A copy made with `with { Content = ... }` clones the cached hashes too: setting the bytes forgets them.
    public byte[] Content { get; init { field = value; _sha256 = null; } } = Content;
    public byte[]? DetachedSignature { get; init { field = value; _detachedSha256 = null; } } = DetachedSignature;

    // Computed once: the submission fingerprint, the blob key and the answer's view all need it (a SHA-256 of a
    // 50 KB document is ~30 µs; three of them were ~8 % of an intake's CPU).
    public string Sha256 => _sha256 ??= SubmissionFingerprint.Sha256Hex(Content);
    public string? DetachedSignatureSha256 => DetachedSignature is null ? null : _detachedSha256 ??= SubmissionFingerprint.Sha256Hex(DetachedSignature);
}
