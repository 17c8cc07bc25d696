using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Creation.Pkcs11;

namespace IntegrationHub.Signing;

/// <summary>
/// The agency seal key, never taken from a request. In an HSM when Signing:Pkcs11:Library is set (token by
/// Signing:Pkcs11:TokenLabel or :Slot, key by :KeyLabel, PIN in the environment variable named by :PinEnv, certificate
/// from the token or :CertificatePath); otherwise Signatures:Seal:P12Path, with its password in the environment
/// variable named by Signatures:Seal:PasswordEnv. Loaded when first used.
/// </summary>
public sealed class SealKey(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<IDigestSigner?> signer = new(() => Create(configuration));

    /// <summary>The seal's signer, or null when no seal key is configured.</summary>
    public IDigestSigner? Signer => signer.Value;

    public void Dispose()
    {
        if (signer.IsValueCreated && signer.Value is IDisposable disposable) disposable.Dispose();
    }

    private static IDigestSigner? Create(IConfiguration configuration)
    {
        var hsm = configuration.GetSection("Signing:Pkcs11");
        if (!string.IsNullOrWhiteSpace(hsm["Library"])) return Pkcs11(hsm);

        var path = configuration["Signatures:Seal:P12Path"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return null;
        var passwordEnv = configuration["Signatures:Seal:PasswordEnv"];
        var password = string.IsNullOrWhiteSpace(passwordEnv) ? null : Environment.GetEnvironmentVariable(passwordEnv);
        return new LocalDigestSigner(X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet));
    }

    private static Pkcs11Key Pkcs11(IConfigurationSection hsm)
    {
        ulong? slot = ulong.TryParse(hsm["Slot"], out var id) ? id : null;
        var location = new Pkcs11KeyLocation(hsm["Library"]!, hsm["TokenLabel"], slot, hsm["KeyLabel"] ?? "", hsm["CertificatePath"]);
        var pinEnv = hsm["PinEnv"];
        // The PIN is read at each login, from the environment only, so it never sits in configuration or in this object.
        return new Pkcs11Key(location, () =>
            string.IsNullOrWhiteSpace(pinEnv)
                ? throw new Pkcs11KeyException(Pkcs11KeyFailure.Configuration, "Signing:Pkcs11:PinEnv does not name the environment variable that holds the token PIN.")
                : Environment.GetEnvironmentVariable(pinEnv) is { Length: > 0 } pin
                    ? pin
                    : throw new Pkcs11KeyException(Pkcs11KeyFailure.Configuration, $"The environment variable {pinEnv} (Signing:Pkcs11:PinEnv) holding the token PIN is not set."));
    }
}
