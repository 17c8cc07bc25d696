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
public sealed class Pkcs11KeyException(string message, Exception? inner = null) : Exception(message, inner);
