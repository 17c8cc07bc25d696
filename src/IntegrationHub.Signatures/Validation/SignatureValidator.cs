using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// The one validation core: sniffs the format, lets it turn the file into evidence, and judges every signature.
/// Never throws for bad input: an unreadable file is FORMAT_FAILURE with a message. Keep one instance per
/// process (or per configuration): it caches path validation results across files.
/// </summary>
public sealed class SignatureValidator(TimeProvider time)
{
    private const int SniffBytes = 1024;
    private readonly PathCache _paths = new();

    public ValidationReport Validate(SignedFile file, ValidationOptions options)
    {
        var validationTime = options.At ?? time.GetUtcNow();
        var format = Sniff(file.Content);
        if (format is null)
            return FileFailure(file, "UNKNOWN", SubIndication.FormatFailure, "The file is not a signature format the hub reads (CMS/PKCS#7, XML, PDF).");

        IReadOnlyList<SignatureEvidence> evidence;
        try
        {
            if (file.Content.CanSeek) file.Content.Position = 0;
            evidence = format.Read(file);
        }
        catch (SignatureFormatException e)
        {
            // EN 319 102-1: a signature that is there but broken fails (TOTAL_FAILED/FORMAT_FAILURE); when no signature
            // can be identified at all, nothing was judged, so the answer stays INDETERMINATE.
            return FileFailure(file, format.Name, SubIndication.FormatFailure, e.Message,
                e.SignatureIdentified ? Indication.TotalFailed : Indication.Indeterminate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A format module must not take the process down on hostile input; its message is the report.
            return FileFailure(file, format.Name, SubIndication.FormatFailure, $"The {format.Name} reader failed: {e.Message}");
        }
        if (evidence.Count == 0)
            return FileFailure(file, format.Name, SubIndication.SignedDataNotFound, "FORMAT_FAILURE: the file holds no signature.");

        var context = new ValidationContext(options, validationTime, format.Name, _paths);
        var reports = new List<SignatureReport>(evidence.Count);
        foreach (var e in evidence) reports.Add(ValidateOne(e, context));
        var worst = reports.MaxBy(r => Verdict.Severity(r.Indication))!.Indication;
        return new ValidationReport(file.Name, format.Name, worst, reports);
    }

    private static SignatureReport ValidateOne(SignatureEvidence evidence, ValidationContext context)
    {
        try { return SignatureProcess.Validate(evidence, context); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SignatureReport(evidence.Id, Indication.Indeterminate, SubIndication.FormatFailure, null, evidence.ClaimedSigningTime,
                null, evidence.DigestAlgorithm.Name, evidence.SignatureAlgorithm.KeyAlgorithm, null, [], [$"The signature could not be processed: {e.Message}"], []);
        }
    }

    internal static ISignatureFormat? Sniff(Stream content)
    {
        Span<byte> head = stackalloc byte[SniffBytes];
        if (content.CanSeek) content.Position = 0;
        var read = content.ReadAtLeast(head, SniffBytes, throwOnEndOfStream: false);
        if (content.CanSeek) content.Position = 0;
        if (read == 0) return null;
        foreach (var format in SignatureFormats.All)
            if (format.Recognizes(head[..read])) return format;
        return null;
    }

    private static ValidationReport FileFailure(SignedFile file, string format, string subIndication, string message,
        string indication = Indication.Indeterminate) =>
        new(file.Name, format, indication, []) { SubIndication = subIndication, Errors = [message] };
}
