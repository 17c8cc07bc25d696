namespace IntegrationHub.LongTerm;

/// <summary>
/// The seam to the augmentation engine (IntegrationHub.Signatures/Augmentation): turns a signed document into B-LT or
/// B-LTA. One DI registration (LongTermExtensions) picks the implementation: <see cref="EngineDocumentAugmentation"/>.
/// </summary>
public interface IDocumentAugmentation
{
    /// <param name="document">the signed document (for a detached signature: the signature)</param>
    /// <param name="detachedContent">the signed content of a detached signature, else null</param>
    /// <param name="targetLevel">"B-LT" or "B-LTA" (B-LTA over B-LTA is a renewal: a new archive timestamp over the old)</param>
    Task<AugmentationOutcome> AugmentAsync(string documentName, byte[] document, byte[]? detachedContent, string targetLevel, CancellationToken ct);
}

public abstract record AugmentationOutcome
{
    /// <param name="RenewBefore">the latest timestamp's TSA certificate notAfter (the archive timestamp's for B-LTA, the
    /// signature timestamp's for B-LT) minus a margin; null when nothing needs renewing</param>
    public sealed record Augmented(byte[] Document, string Level, DateTimeOffset? RenewBefore) : AugmentationOutcome;

    /// <summary>A TSA, OCSP responder or CRL host did not answer: the task is kept and tried again later.</summary>
    /// <param name="Service">"timestamp" or "revocation"</param>
    public sealed record Unavailable(string Service, string Url, string Reason) : AugmentationOutcome;

    /// <summary>Permanent: not a valid signature, a format without augmenter... The task becomes a dead letter.</summary>
    public sealed record Refused(string Reason) : AugmentationOutcome;
}

/// <summary>The levels the hub speaks of (ETSI baseline profiles).</summary>
public static class Levels
{
    public const string LongTerm = "B-LT";
    public const string Archive = "B-LTA";
    public const string Timestamp = "timestamp";
    public const string Revocation = "revocation";

    /// <summary>Generation 0 is B-LT; 1 the first B-LTA; 2 and later renew it.</summary>
    public static string ForGeneration(int generation) => generation == 0 ? LongTerm : Archive;
}
