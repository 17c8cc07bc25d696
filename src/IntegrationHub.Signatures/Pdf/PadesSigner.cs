using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>
/// PAdES-B-B and B-T (mode "pades"): an invisible ETSI.CAdES.detached signature added to an existing PDF as
/// an incremental update, so earlier signatures stay valid. Prepare writes the update with placeholders and
/// asks the CAdES signer for the data to sign over the /ByteRange digest; Complete embeds the CMS (with its
/// timestamp for B-T) into /Contents.
/// </summary>
public sealed class PadesSigner : IDocumentSigner
{
    /// <summary>Room for the CMS: signer and chain certificates plus a timestamp token with its own chain.</summary>
    public int ReservedContentsBytes { get; init; } = 32 * 1024;

    public string Mode => "pades";

    public PreparedSignature Prepare(byte[] document, X509Certificate2 signerCertificate, SigningParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        PreparedPdf pdf;
        try
        {
            pdf = PdfIncrementalWriter.Prepare(document, parameters.SigningTime, ReservedContentsBytes);
        }
        catch (Exception e) when (e is PdfSyntaxException or EndOfStreamException or IOException)
        {
            throw new SignatureFormatException($"Not a PDF that can be signed: {e.Message}", e);
        }
        var cades = CadesSigner.PrepareForDigest(pdf.Digest(parameters.DigestAlgorithm), signerCertificate, parameters, padesProfile: true);
        return cades with { Mode = Mode, State = new PadesState(pdf, cades) };
    }

    public async Task<byte[]> CompleteAsync(PreparedSignature prepared, byte[] signatureValue, ITimestampClient? timestamps, CancellationToken cancellationToken = default)
    {
        if (prepared.State is not PadesState state) throw new ArgumentException("This prepared signature was not made by the PAdES signer.", nameof(prepared));
        var cms = await new CadesSigner(attached: false).CompleteAsync(state.Cades, signatureValue, timestamps, cancellationToken);
        return state.Pdf.Embed(cms);
    }

    private sealed record PadesState(PreparedPdf Pdf, PreparedSignature Cades);
}
