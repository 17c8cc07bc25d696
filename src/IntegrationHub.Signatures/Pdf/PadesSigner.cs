using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>PAdES-B-B/B-T signing. STUB so SignerRegistry compiles: the PDF helper replaces this file.</summary>
public sealed class PadesSigner : IDocumentSigner
{
    public string Mode => "pades";
    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
        => throw new NotSupportedException("PAdES signing is not built on this branch.");
    public Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("PAdES signing is not built on this branch.");
}
