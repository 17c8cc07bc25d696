using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>XAdES-B-B/B-T enveloped signing. STUB so SignerRegistry compiles: the XML helper replaces this file.</summary>
public sealed class XadesSigner : IDocumentSigner
{
    public string Mode => "xades-enveloped";
    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
        => throw new NotSupportedException("XAdES signing is not built on this branch.");
    public Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("XAdES signing is not built on this branch.");
}
