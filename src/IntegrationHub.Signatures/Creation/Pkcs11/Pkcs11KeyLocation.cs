namespace IntegrationHub.Signatures.Creation.Pkcs11;

/// <summary>
/// Where a key lives in an HSM: the PKCS#11 library, the token (by label, or by slot id), the private key's CKA_LABEL,
/// and optionally a certificate file when the token holds no certificate for the key. No PIN here: it is handed
/// to <see cref="Pkcs11Key"/> separately, so that this record can be logged.
/// </summary>
public sealed record Pkcs11KeyLocation(string Library, string? TokenLabel, ulong? Slot, string KeyLabel, string? CertificatePath = null)
{
    /// <summary>The token as messages name it.</summary>
    public string Token => TokenLabel is { Length: > 0 } ? $"token '{TokenLabel}'" : $"slot {Slot}";
}

/// <summary>The HSM key cannot be used (library, token, PIN, key or certificate); the message names the cause, never the PIN.</summary>
public sealed class Pkcs11KeyException(Pkcs11KeyFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What failed, so that a caller can answer each cause differently (`hub sign` gives each its exit code).</summary>
    public Pkcs11KeyFailure Failure => failure;
}

public enum Pkcs11KeyFailure
{
    /// <summary>The key location or the PIN source is incomplete (no key label, no token, no PIN variable).</summary>
    Configuration,
    /// <summary>The PKCS#11 library does not exist or cannot be loaded.</summary>
    Library,
    /// <summary>No token with that label (or slot id) is present.</summary>
    Token,
    /// <summary>The token refused the PIN, or the PIN is locked or expired.</summary>
    Pin,
    /// <summary>No usable private key with that label (none, several, not RSA/EC), or no certificate for it on the token.</summary>
    Key,
    /// <summary>The configured certificate file does not exist or cannot be read.</summary>
    Certificate,
    /// <summary>The token failed while in use.</summary>
    Device,
}
