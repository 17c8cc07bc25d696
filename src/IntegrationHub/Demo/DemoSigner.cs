using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Demo;

/// <summary>
/// Signs the demo's documents as the sample citizen (certs-sample/citizen.p12, RSA, or citizen-ecdsa.p12) with the
/// hub's own signature engine: the application form as PAdES, its data as XAdES. Sample keys only: never a real person.
/// </summary>
public sealed class DemoSigner
{
    private readonly X509Certificate2[] citizens;
    private readonly X509Certificate2[] chain;
    private readonly TimeProvider time;

    public DemoSigner(string certificatesDir, string password, TimeProvider time)
    {
        this.time = time;
        citizens = new[] { "citizen.p12", "citizen-ecdsa.p12" }
            .Select(f => Path.Combine(certificatesDir, f))
            .Where(File.Exists)
            .Select(f => X509CertificateLoader.LoadPkcs12CollectionFromFile(f, password, X509KeyStorageFlags.EphemeralKeySet)
                .First(c => c.HasPrivateKey))
            .ToArray();
        if (citizens.Length == 0) throw new FileNotFoundException($"No sample citizen certificate (citizen.p12) in {certificatesDir}.");
        var chainPem = Path.Combine(certificatesDir, "chain.pem");
        var loaded = new X509Certificate2Collection();
        if (File.Exists(chainPem)) loaded.ImportFromPemFile(chainPem);
        chain = [.. loaded];
    }

    /// <summary>The citizen's name as the certificate states it (the applicant of every demo dossier).</summary>
    public string CitizenName => citizens[0].GetNameInfo(X509NameType.SimpleName, false);

    public async Task<byte[]> SignPdfAsync(byte[] pdf, int which, CancellationToken ct) => await SignAsync("pades", pdf, which, ct);

    public async Task<byte[]> SignXmlAsync(byte[] xml, int which, CancellationToken ct) => await SignAsync("xades-enveloped", xml, which, ct);

    private async Task<byte[]> SignAsync(string mode, byte[] document, int which, CancellationToken ct)
    {
        var citizen = citizens[Math.Abs(which) % citizens.Length];
        var parameters = new SigningParameters(time.GetUtcNow(), HashAlgorithmName.SHA256, [citizen, .. chain]);
        return await LocalSigner.SignAsync(SignerRegistry.Find(mode)!, document, citizen, parameters, null, ct);
    }

    /// <summary>Escapes text for the XML form.</summary>
    public static string Xml(string? text) => SecurityElement.Escape(text ?? "");
}
