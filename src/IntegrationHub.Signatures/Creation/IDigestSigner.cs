using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Creation;

/// <summary>
/// A signing key and its certificate: signs a prepared digest (see <see cref="LocalSigner.SignDigest"/> for the
/// shape of the value). A key in memory (<see cref="LocalDigestSigner"/>) or in an HSM (<see cref="Pkcs11.Pkcs11Key"/>).
/// </summary>
public interface IDigestSigner
{
    X509Certificate2 Certificate { get; }

    byte[] SignDigest(PreparedSignature prepared);
}

/// <summary>A certificate that holds its private key (a PKCS#12 file).</summary>
public sealed class LocalDigestSigner(X509Certificate2 certificateWithKey) : IDigestSigner
{
    public X509Certificate2 Certificate => certificateWithKey;

    public byte[] SignDigest(PreparedSignature prepared) => LocalSigner.SignDigest(certificateWithKey, prepared);
}
