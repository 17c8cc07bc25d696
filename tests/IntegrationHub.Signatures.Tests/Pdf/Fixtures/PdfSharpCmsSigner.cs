using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>TEST ONLY: a PDF signed entirely by PDFsharp's own signature handler (its layout, its /ByteRange), CMS by SignedCms.</summary>
internal sealed class PdfSharpCmsSigner(X509Certificate2 certificate) : IDigitalSigner
{
    public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, false);

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(8192);

    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp's RangedStream cannot seek (not even CanSeek): read it as one block from the start.
        var content = new byte[stream.Length];
        var read = 0;
        while (read < content.Length)
        {
            var n = stream.Read(content, read, content.Length - read);
            if (n == 0) break;
            read += n;
        }
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(PdfTestCertificates.SigningTime.UtcDateTime));
        cms.ComputeSignature(signer);
        return Task.FromResult(cms.Encode());
    }

    public static byte[] MakeSignedPdf(X509Certificate2 certificate)
    {
        var unsigned = PdfSharpPdf.Make(pages: 1);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(unsigned), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Modify);
        DigitalSignatureHandler.ForDocument(document, new PdfSharpCmsSigner(certificate),
            new DigitalSignatureOptions { Reason = "test", Rectangle = new PdfSharp.Drawing.XRect(0, 0, 0, 0) });
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
