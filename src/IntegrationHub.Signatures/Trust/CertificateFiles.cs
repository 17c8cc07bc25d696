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
                var collection = new X509Certificate2Collection();
                collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                result.AddRange(collection);
            }
            else if (bytes.Length > 0)
            {
                result.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
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
