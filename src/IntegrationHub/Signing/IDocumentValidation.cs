using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signing;

/// <summary>
/// The host's one door to the signature engine: a file (and optional detached signature) in, the ETSI report out.
/// Never throws for bad input: an unreadable file is a FORMAT_FAILURE report.
/// </summary>
public interface IDocumentValidation
{
    ValidationReport Validate(string name, byte[] content, byte[]? detachedSignature);
}
