using System.Text.Json.Serialization;

namespace IntegrationHub.Signatures.Validation;

/// <summary>The report of one file: the JSON contract of DESIGN.md ("file", "format", "indication", "signatures").</summary>
public sealed record ValidationReport(
    string File,
    string Format,
    string Indication,
    IReadOnlyList<SignatureReport> Signatures)
{
    /// <summary>Set when the file as a whole could not be read (FORMAT_FAILURE, SIGNED_DATA_NOT_FOUND).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubIndication { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Errors { get; init; }
}

/// <summary>One signature's verdict in ETSI EN 319 102-1 words.</summary>
public sealed record SignatureReport(
    string Id,
    string Indication,
    string? SubIndication,
    SignerReport? Signer,
    DateTimeOffset? SigningTime,
    DateTimeOffset? BestSignatureTime,
    string? DigestAlgorithm,
    string? SignatureAlgorithm,
    string? Level,
    IReadOnlyList<TimestampReport> Timestamps,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Certification path from the signer to the anchor, subjects in order (extra field).</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>For PDF: the revision (1-based) the signature covers (extra field).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CoveredRevision { get; init; }
}

public sealed record SignerReport(string Subject, string Issuer, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

public sealed record TimestampReport(string Type, DateTimeOffset GenerationTime, string Indication, string? SubIndication, string? Tsa);

/// <summary>
/// ETSI EN 319 102-1 main indications. FORMAT_FAILURE comes with TOTAL_FAILED when a signature is there but broken
/// (a CMS SignedData that does not parse, a SignerInfo or signature dictionary that does not conform) and with
/// INDETERMINATE when no signature can be identified at all (empty, unknown format, XML refused before parsing,
/// unreadable PDF); a readable file without signatures is INDETERMINATE/SIGNED_DATA_NOT_FOUND.
/// CRYPTO_CONSTRAINTS_FAILURE (SHA-1, MD5, RSA under 2048 bits) is INDETERMINATE, as in EN 319 102-1.
/// `hub verify` exits 0, 1, 2 for TOTAL_PASSED, TOTAL_FAILED, INDETERMINATE.
/// </summary>
public static class Indication
{
    public const string TotalPassed = "TOTAL_PASSED";
    public const string TotalFailed = "TOTAL_FAILED";
    public const string Indeterminate = "INDETERMINATE";
}

/// <summary>ETSI EN 319 102-1 sub-indications used by the hub.</summary>
public static class SubIndication
{
    public const string FormatFailure = "FORMAT_FAILURE";
    public const string SignedDataNotFound = "SIGNED_DATA_NOT_FOUND";
    public const string HashFailure = "HASH_FAILURE";
    public const string SigCryptoFailure = "SIG_CRYPTO_FAILURE";
    public const string Revoked = "REVOKED";
    public const string RevokedNoPoe = "REVOKED_NO_POE";
    public const string RevokedCaNoPoe = "REVOKED_CA_NO_POE";
    public const string OutOfBoundsNoPoe = "OUT_OF_BOUNDS_NO_POE";
    public const string OutOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED";
    public const string NotYetValid = "NOT_YET_VALID";
    public const string NoCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND";
    public const string NoSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND";
    public const string CryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE";
    public const string CryptoConstraintsFailureNoPoe = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE";
    public const string ChainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE";
    public const string CertificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE";
    public const string SigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE";
    public const string TryLater = "TRY_LATER";
    public const string RevocationOutOfBounds = "REVOCATION_OUT_OF_BOUNDS_NO_POE";
    public const string TimestampOrderFailure = "TIMESTAMP_ORDER_FAILURE";
}
