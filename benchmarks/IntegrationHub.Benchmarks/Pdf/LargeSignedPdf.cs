using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Pdf;

namespace IntegrationHub.Benchmarks.Pdf;

/// <summary>Makes a one-page PDF padded with an unused stream to the size asked for, signed PAdES-B-B with a throwaway root + signer.</summary>
public static class LargeSignedPdf
{
    public static (string Path, X509Certificate2 Root) Create(string path, long paddingBytes)
    {
        using var rootKey = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        var rootRequest = new CertificateRequest("CN=Bench Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bench Signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var issued = request.Create(root, now.AddDays(-1), now.AddYears(1), [7]);
        using var signer = issued.CopyWithPrivateKey(key);

        var pdf = Unsigned(paddingBytes);
        var signed = LocalSigner.SignAsync(new PadesSigner(), pdf, signer, new SigningParameters(now, HashAlgorithmName.SHA256)).GetAwaiter().GetResult();
        File.WriteAllBytes(path, signed);
        File.WriteAllText(Path.ChangeExtension(path, ".root.pem"), root.ExportCertificatePem());
        return (path, root);
    }

    public static byte[] Unsigned(long paddingBytes)
    {
        var chunk = new byte[1 << 20];
        new Random(1).NextBytes(chunk);
        return Unsigned(paddingBytes, chunk);
    }

    /// <summary>The one-page PDF with <paramref name="padding"/> as its unused stream (so that each document is distinct).</summary>
    public static byte[] Unsigned(byte[] padding) => Unsigned(padding.Length, padding);

    private static byte[] Unsigned(long paddingBytes, byte[] chunk)
    {
        var output = new MemoryStream();
        var offsets = new List<long>();
        void Text(string s) => output.Write(Encoding.Latin1.GetBytes(s));
        void Obj(string body) { offsets.Add(output.Position); Text($"{offsets.Count} 0 obj\n{body}\nendobj\n"); }
        Text("%PDF-1.7\n");
        Obj("<</Type /Catalog /Pages 2 0 R>>");
        Obj("<</Type /Pages /Kids [3 0 R] /Count 1>>");
        Obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>");
        Obj("<</Length 19>>\nstream\n0 0 m 100 100 l S\n\nendstream");
        offsets.Add(output.Position);
        Text($"5 0 obj\n<</Length {paddingBytes}>>\nstream\n");
        for (var left = paddingBytes; left > 0; left -= chunk.Length) output.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        Text("\nendstream\nendobj\n");
        var xref = output.Position;
        var sb = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f\r\n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n\r\n");
        sb.Append($"trailer\n<</Size {offsets.Count + 1} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        Text(sb.ToString());
        return output.ToArray();
    }
}
