using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// What a format module found in a file about one signature. Formats parse and hash; they never judge
/// trust or time. The validation core (SignatureValidator) turns evidence into a SignatureReport.
/// </summary>
public sealed record SignatureEvidence
{
    /// <summary>"S-1", "S-2"... in document order.</summary>
    public required string Id { get; init; }

    /// <summary>CADES, XADES, PADES (or CMS / XMLDSIG when no ETSI attributes are present).</summary>
    public required string Format { get; init; }

    /// <summary>How the signature names its signer (CMS SignerIdentifier, XML KeyInfo/SigningCertificate).</summary>
    public required SignerIdentifier Signer { get; init; }

    /// <summary>Certificates carried in the signature (CMS certificates, KeyInfo/X509Data, PDF /Cert).</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; init; } = [];

    /// <summary>
    /// Digest of the bytes the signature value covers (DER of signed attributes, canonical SignedInfo, or the
    /// content itself when there are no signed attributes), computed with <see cref="DigestAlgorithm"/>.
    /// The core verifies <see cref="SignatureValue"/> over this digest with the signer's public key.
    /// </summary>
    public required byte[] SignedDigest { get; init; }

    public required HashAlgorithmName DigestAlgorithm { get; init; }

    public required SignatureAlgorithm SignatureAlgorithm { get; init; }

    public required byte[] SignatureValue { get; init; }

    /// <summary>Integrity of what the signature says it covers: message-digest, XML references, PDF ByteRange.</summary>
    public IReadOnlyList<ReferenceCheck> References { get; init; } = [];

    /// <summary>Signed certificate reference (CAdES signing-certificate(-v2), XAdES SigningCertificate), if any.</summary>
    public CertificateDigest? SigningCertificateReference { get; init; }

    /// <summary>Claimed signing time (signing-time attribute, XAdES SigningTime, PDF /M as a last resort).</summary>
    public DateTimeOffset? ClaimedSigningTime { get; init; }

    /// <summary>RFC 3161 signature timestamps with the exact bytes they time-stamp.</summary>
    public IReadOnlyList<TimestampEvidence> Timestamps { get; init; } = [];

    /// <summary>Revocation data carried in the file (CMS crls, adbe-revocationInfoArchival, DSS dictionary, XAdES values).</summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];

    /// <summary>
    /// True when the file carries the long-term validation data block for this signature (CAdES certificate-values and
    /// revocation-values, XAdES CertificateValues and RevocationValues, a PAdES DSS dictionary): the mark of B-LT.
    /// </summary>
    public bool CarriesValidationData { get; init; }

    /// <summary>True when CAdES/XAdES/PAdES signed attributes are present (baseline B-B), false for plain CMS / XML-DSig.</summary>
    public bool HasEtsiSignedAttributes { get; init; }

    /// <summary>Format-specific problems that make the signature unusable (FORMAT_FAILURE).</summary>
    public IReadOnlyList<string> FormatErrors { get; init; } = [];

    /// <summary>Format-specific notices that do not fail the signature (e.g. PDF form filling after signing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Format-specific findings that make the signature fail (e.g. signature wrapping) with their sub-indication.</summary>
    public IReadOnlyList<(string SubIndication, string Message)> Failures { get; init; } = [];

    /// <summary>For PDF: the 1-based revision the signature covers.</summary>
    public int? CoveredRevision { get; init; }
}

/// <summary>How a signature names its signing certificate. Any non-null field must match.</summary>
public sealed record SignerIdentifier(
    string? IssuerName = null,
    byte[]? SerialNumber = null,
    byte[]? SubjectKeyIdentifier = null,
    X509Certificate2? Certificate = null);

public sealed record CertificateDigest(HashAlgorithmName Algorithm, byte[] Value, byte[]? IssuerSerialDer = null);

/// <summary>A signed reference and whether it resolved and matched (message-digest, ds:Reference, /ByteRange).</summary>
public sealed record ReferenceCheck(string Name, bool Found, bool Intact, string? Detail = null);

/// <summary>
/// An RFC 3161 token (DER ContentInfo) and the bytes its message imprint must cover. <see cref="Type"/> is
/// SIGNATURE_TIMESTAMP (over the signature value) or ARCHIVE_TIMESTAMP (CAdES archive-time-stamp-v3, XAdES
/// ArchiveTimeStamp, a PDF document timestamp over a later revision): a proof of existence of the signature and of
/// the validation data it covers (the mark of B-LTA).
/// </summary>
public sealed record TimestampEvidence(string Type, byte[] Token, byte[] TimestampedData)
{
    /// <summary>
    /// Set by the format when the token cannot prove anything whatever its imprint (an archive timestamp without its
    /// hash index, or whose index lists data no longer in the file): the timestamp fails with this message.
    /// </summary>
    public string? Problem { get; init; }
}

/// <summary>The public-key algorithm of a signature value.</summary>
public sealed record SignatureAlgorithm(string KeyAlgorithm, string? Padding, string Oid)
{
    /// <summary>RSASSA-PSS salt length in bytes (null: the digest length, which is what .NET and most signers use).</summary>
    public int? PssSaltLength { get; init; }

    public static SignatureAlgorithm RsaPkcs1(string oid) => new("RSA", "PKCS1", oid);
    public static SignatureAlgorithm RsaPss(string oid) => new("RSA", "PSS", oid);
    public static SignatureAlgorithm Ecdsa(string oid) => new("ECDSA", null, oid);
}
