using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signing;

/// <summary>
/// Stand-in until the validation core (SignatureValidator) is merged: recognises the format, reads the evidence
/// and reports INDETERMINATE (never PASSED) for what it cannot judge, FORMAT_FAILURE for what it cannot read.
/// </summary>
public sealed class FormatOnlyValidation : IDocumentValidation
{
    public ValidationReport Validate(string name, byte[] content, byte[]? detachedSignature)
    {
        // A detached signature is the file to read; the document is its signed content.
        var signed = detachedSignature ?? content;
        var head = signed[..Math.Min(signed.Length, 1024)];
        var format = SignatureFormats.All.FirstOrDefault(f => f.Recognizes(head));
        if (format is null) return NotSigned(name, "UNKNOWN");
        try
        {
            using var stream = new MemoryStream(signed, writable: false);
            using var detached = detachedSignature is null ? null : new MemoryStream(content, writable: false);
            var evidence = format.Read(new SignedFile(name, stream, detached));
            if (evidence.Count == 0) return NotSigned(name, format.Name);
            var reports = evidence.Select(e => new SignatureReport(e.Id, Indication.Indeterminate, SubIndication.TryLater, null,
                e.ClaimedSigningTime, null, e.DigestAlgorithm.Name, e.SignatureAlgorithm.KeyAlgorithm, null, [],
                [], ["The validation core is not available in this build."])).ToList();
            return new ValidationReport(name, format.Name, Indication.Indeterminate, reports);
        }
        catch (Exception ex) when (ex is SignatureFormatException or NotImplementedException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            return new ValidationReport(name, format.Name, Indication.TotalFailed, []) { SubIndication = SubIndication.FormatFailure, Errors = [ex.Message] };
        }
    }

    public static ValidationReport NotSigned(string name, string format) =>
        new(name, format, Indication.TotalFailed, []) { SubIndication = SubIndication.SignedDataNotFound, Errors = ["No signature found."] };
}
