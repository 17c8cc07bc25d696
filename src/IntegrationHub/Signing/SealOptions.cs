using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signing;

/// <summary>
/// The agency seal key: Signatures:Seal:P12Path, with its password in the environment variable named by
/// Signatures:Seal:PasswordEnv. Loaded when first used; never taken from a request.
/// </summary>
public sealed class SealKey(IConfiguration configuration)
{
    private readonly Lazy<X509Certificate2?> certificate = new(() => Load(configuration));

    public X509Certificate2? Certificate => certificate.Value;

    private static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration["Signatures:Seal:P12Path"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return null;
        var passwordEnv = configuration["Signatures:Seal:PasswordEnv"];
        var password = string.IsNullOrWhiteSpace(passwordEnv) ? null : Environment.GetEnvironmentVariable(passwordEnv);
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
