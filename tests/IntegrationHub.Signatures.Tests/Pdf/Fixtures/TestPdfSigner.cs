using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>
/// TEST ONLY: signs with our incremental writer and .NET's SignedCms (not the product's CAdES signer), so the
/// PDF plumbing is tested on its own and against an independent CMS producer.
/// </summary>
internal static class TestPdfSigner
{
    public static byte[] Sign(byte[] pdf, X509Certificate2 signer, string subFilter = "ETSI.CAdES.detached", DateTimeOffset? time = null)
    {
        var prepared = PdfIncrementalWriter.Prepare(pdf, time ?? PdfTestCertificates.SigningTime, 8 * 1024, subFilter);
        var r = prepared.ByteRange;
        var content = new byte[r[1] + r[3]];
        Array.Copy(prepared.Pdf, 0, content, 0, r[1]);
        Array.Copy(prepared.Pdf, r[2], content, r[1], r[3]);
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        // A signed attribute forces signed attributes (so message-digest covers the /ByteRange), as in PAdES.
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime((time ?? PdfTestCertificates.SigningTime).UtcDateTime));
        cms.ComputeSignature(cmsSigner);
        return prepared.Embed(cms.Encode());
    }
}
