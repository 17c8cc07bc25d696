using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Pdf;
using IntegrationHub.Signatures.Tests.Pdf.Fixtures;

namespace IntegrationHub.Signatures.Tests.Pdf;

/// <summary>A ~50 MB signed PDF validates in bounded memory: the reader seeks and streams, never loads the file.</summary>
public sealed class LargePdfTests(PdfTestCertificates certs, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PdfTestCertificates>
{
    private const long Size = 50L * 1024 * 1024;

    [Fact]
    public void Reading_a_50_MB_signed_pdf_allocates_far_less_than_its_size()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hub-large-{Guid.NewGuid():N}.pdf");
        try
        {
            File.WriteAllBytes(path, TestPdfSigner.Sign(MiniPdf.Classic(paddingBytes: Size), certs.RsaSigner));
            GC.Collect();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var evidence = new PdfSignatureFormat().Read(new SignedFile("large.pdf", stream));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            output.WriteLine($"allocated {allocated:N0} bytes reading a {stream.Length:N0}-byte signed PDF");
            var signature = Assert.Single(evidence);
            Assert.All(signature.References, r => Assert.True(r.Intact)); // the whole 50 MB was hashed
            Assert.True(stream.Length > Size);
            Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes to read a {stream.Length:N0}-byte PDF");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
