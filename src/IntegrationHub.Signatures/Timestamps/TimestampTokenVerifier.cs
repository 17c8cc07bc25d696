using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Timestamps;

/// <summary>The verdict on one RFC 3161 token; <see cref="GenerationTime"/> is a proof of existence only when <see cref="Verdict"/> passed.</summary>
public sealed record TimestampCheck(Verdict Verdict, DateTimeOffset? GenerationTime, X509Certificate2? Tsa, IReadOnlyList<string> Errors)
{
    /// <summary>The TSA's certification path when it validated (TSA first, anchor last).</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; init; } = [];

    public TimestampReport ToReport(string type) =>
        new(type, GenerationTime ?? default, Verdict.Indication, Verdict.SubIndication, Tsa?.Subject);
}

/// <summary>
/// Verifies an RFC 3161 token: its CMS signature (same integrity checks as a signature), the message imprint
/// over the time-stamped bytes, the TSA certificate's id-kp-timeStamping purpose, and the TSA's path at the time the
/// caller asks (the validation time, or the time a younger timestamp proves the token existed at).
/// </summary>
public static class TimestampTokenVerifier
{
    /// <param name="embedded">Certificates, CRLs and OCSP responses the signature carries (B-LT values), used for the TSA's path
    /// besides what the token carries itself.</param>
    /// <param name="signatureCertificates">The certificates the signature carries (SignedData.certificates, KeyInfo) when it
    /// has no B-LT values: a TSA's intermediate CA is often carried there, and the path is built through it.</param>
    public static TimestampCheck Verify(TimestampEvidence evidence, ICertificatePathValidator paths, CryptoPolicy policy,
        DateTimeOffset validationTime, IReadOnlyList<X509Certificate2> extraCertificates, SignatureEvidence? embedded = null,
        IReadOnlyList<X509Certificate2>? signatureCertificates = null)
    {
        ParsedSignedData parsed;
        TstInfo info;
        try
        {
            parsed = CmsSignedDataParser.Parse(evidence.Token);
            if (parsed.EContentType != CmsOids.TstInfo || parsed.EContent is not { } content)
                return Fail(Verdict.Indeterminate(SubIndication.FormatFailure), null, "The token does not encapsulate a TSTInfo.");
            info = TstInfo.Parse(content);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException)
        {
            return Fail(Verdict.Indeterminate(SubIndication.FormatFailure), null, $"The timestamp token is malformed: {e.Message}");
        }

        var signatures = CmsSignatureReader.Read(evidence.Token, null, "TST");
        if (signatures.Count != 1) return Fail(Verdict.Indeterminate(SubIndication.FormatFailure), info.GenerationTime, "A timestamp token must have exactly one signer.");
        var integrity = SignatureProcess.CheckIntegrity(signatures[0], extraCertificates, policy);
        if (!integrity.Verdict.IsPassed) return new TimestampCheck(integrity.Verdict, info.GenerationTime, integrity.Signer, integrity.Errors);
        var tsa = integrity.Signer!;

        if (evidence.Problem is { } problem) return Fail(Verdict.Failed(SubIndication.HashFailure), info.GenerationTime, problem, tsa);
        var imprint = CmsOids.Hash(info.ImprintAlgorithm, evidence.TimestampedData);
        if (!CryptographicOperations.FixedTimeEquals(imprint, info.Imprint))
            return Fail(Verdict.Failed(SubIndication.HashFailure), info.GenerationTime, "The token's message imprint does not match the time-stamped data.", tsa);
        if (!HasTimeStampingPurpose(tsa))
            return Fail(Verdict.Indeterminate(SubIndication.ChainConstraintsFailure), info.GenerationTime, $"The TSA certificate '{tsa.Subject}' lacks the id-kp-timeStamping purpose.", tsa);

        var request = new PathValidationRequest(validationTime,
            [.. signatures[0].Certificates, .. embedded?.Certificates ?? signatureCertificates ?? [], .. extraCertificates],
            [.. signatures[0].Crls, .. embedded?.Crls ?? []], [.. signatures[0].OcspResponses, .. embedded?.OcspResponses ?? []])
        {
            AtIsProofOfExistence = true,
        };
        var path = paths.Validate(tsa, request);
        if (path.Indication != Indication.TotalPassed)
            return new TimestampCheck(new Verdict(path.Indication, path.SubIndication), info.GenerationTime, tsa,
                [$"The TSA's certificate path did not validate.", .. path.Errors]);
        return new TimestampCheck(Verdict.Passed, info.GenerationTime, tsa, []) { Chain = path.Chain };
    }

    /// <summary>The token's genTime, or null when it cannot be read (the full check then says why).</summary>
    public static DateTimeOffset? GenerationTime(byte[] token)
    {
        try
        {
            var parsed = CmsSignedDataParser.Parse(token);
            return parsed.EContentType == CmsOids.TstInfo && parsed.EContent is { } content ? TstInfo.Parse(content).GenerationTime : null;
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException) { return null; }
    }

    private static bool HasTimeStampingPurpose(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == CmsOids.TimeStampingEku));

    private static TimestampCheck Fail(Verdict verdict, DateTimeOffset? time, string error, X509Certificate2? tsa = null) => new(verdict, time, tsa, [error]);
}
