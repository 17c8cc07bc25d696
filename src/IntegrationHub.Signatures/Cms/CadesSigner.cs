using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// CAdES-B-B / B-T, attached or detached (modes cades-attached, cades-detached). STUB: the CMS helper implements it.
/// </summary>
public sealed class CadesSigner(bool attached) : IDocumentSigner
{
    public string Mode => attached ? "cades-attached" : "cades-detached";

    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
        => throw new NotImplementedException();

    public Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>
    /// For PAdES: prepares a detached SignedData over an already computed content digest (the PDF ByteRange),
    /// with the PAdES baseline attribute profile (content-type, message-digest, signing-certificate-v2, no
    /// signing-time attribute). CompleteAsync on the result returns the DER ContentInfo for /Contents.
    /// </summary>
    public static PreparedSignature PrepareForDigest(byte[] contentDigest, X509Certificate2 signerCertificate, SigningParameters parameters, bool padesProfile)
        => throw new NotImplementedException();
}
