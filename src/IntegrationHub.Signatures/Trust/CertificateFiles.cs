using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// Loads certificates and CRLs from files (DER, or PEM holding one or several) or folders of such files,
/// as the CLI flags --trust, --untrusted, --crl and the setting Signatures:TrustAnchors take them.
/// </summary>
public static class CertificateFiles
{
    public static IReadOnlyList<X509Certificate2> LoadCertificates(IEnumerable<string> paths)
    {
        var result = new List<X509Certificate2>();
        foreach (var file in ExpandPaths(paths))
        {
            var bytes = File.ReadAllBytes(file);
            if (LooksLikePem(bytes))
            {
                result.AddRange(DecodePemCertificates(System.Text.Encoding.ASCII.GetString(bytes)));
            }
            else if (bytes.Length > 0)
            {
                result.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        return result;
    }

    private const string BeginCertificate = "-----BEGIN CERTIFICATE-----";
    private const string EndCertificate = "-----END CERTIFICATE-----";

    /// <summary>
    /// The "CERTIFICATE" blocks of a PEM text (RFC 7468), other labels skipped. Decoded here rather than with
    /// X509Certificate2Collection.ImportFromPem: its generic PEM scanner is JIT-compiled (with full optimisation) at
    /// every `hub verify --trust X.pem` start, as generic framework code cannot be precompiled into the hub.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> DecodePemCertificates(string text)
    {
        var result = new List<X509Certificate2>();
        for (var start = text.IndexOf(BeginCertificate, StringComparison.Ordinal); start >= 0;
             start = text.IndexOf(BeginCertificate, start, StringComparison.Ordinal))
        {
            var body = start + BeginCertificate.Length;
            var end = text.IndexOf(EndCertificate, body, StringComparison.Ordinal);
            if (end < 0) throw new CryptographicException("PEM: a CERTIFICATE block has no END line.");
            byte[] der;
            try { der = Convert.FromBase64String(text[body..end]); }
            catch (FormatException) { throw new CryptographicException("PEM: a CERTIFICATE block is not valid base64."); }
            result.Add(X509CertificateLoader.LoadCertificate(der));
            start = end + EndCertificate.Length;
        }
        return result;
    }

    /// <summary>CRLs as DER; PEM "X509 CRL" blocks are decoded.</summary>
    public static IReadOnlyList<byte[]> LoadCrls(IEnumerable<string> paths)
    {
        var result = new List<byte[]>();
        foreach (var file in ExpandPaths(paths)) result.AddRange(DecodeCrls(File.ReadAllBytes(file)));
        return result;
    }

    /// <summary>The CRLs in one file's bytes: DER as is, or every "X509 CRL" block of a PEM text.</summary>
    public static IReadOnlyList<byte[]> DecodeCrls(byte[] bytes)
    {
        if (!LooksLikePem(bytes)) return bytes.Length > 0 ? [bytes] : [];
        var result = new List<byte[]>();
        var text = System.Text.Encoding.ASCII.GetString(bytes).AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual("X509 CRL"))
                result.Add(Convert.FromBase64String(text[fields.Base64Data].ToString()));
            text = text[fields.Location.End..];
        }
        return result;
    }

    /// <summary>Files as given, and the files of folders (not recursive), in a stable order.</summary>
    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal)) yield return file;
            }
            else if (File.Exists(path)) yield return path;
            else throw new FileNotFoundException($"No such file or folder: {path}", path);
        }
    }

    private static bool LooksLikePem(byte[] bytes)
    {
        var head = System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        return head.Contains("-----BEGIN ", StringComparison.Ordinal);
    }
}
