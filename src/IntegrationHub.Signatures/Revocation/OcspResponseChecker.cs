using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>
/// Reads one OCSP response about one certificate and decides whether it can be believed: signed by the
/// issuing CA itself or by a responder the CA delegated (id-kp-OCSPSigning, issued by that CA), fresh
/// (thisUpdate not in the future, nextUpdate not passed), and echoing our nonce when we sent one.
/// </summary>
public static class OcspResponseChecker
{
    private const string OcspSigningEku = "1.3.6.1.5.5.7.3.9";

    /// <summary>
    /// The status, or an <see cref="InvalidDataException"/> explaining why the response is unusable.
    /// <paramref name="now"/> null skips the freshness check (responses carried in a signature were fresh when
    /// they were embedded; their age is judged against the signature's time by the caller).
    /// </summary>
    public static RevocationStatus Check(
        byte[] response, BcCertificate certificate, BcCertificate issuer, DateTimeOffset? now,
        RevocationOptions options, byte[]? expectedNonce, string source)
    {
        BasicOcspResp basic;
        try
        {
            var ocsp = new OcspResp(response);
            if (ocsp.Status != OcspRespStatus.Successful)
                throw new InvalidDataException($"OCSP responder status {ocsp.Status}");
            basic = ocsp.GetResponseObject() as BasicOcspResp
                    ?? throw new InvalidDataException("OCSP response is not a basic response");
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or OcspException
                                      or InvalidOperationException)
        {
            throw new InvalidDataException($"malformed OCSP response: {e.Message}");
        }

        VerifySigner(basic, issuer, now);
        if (expectedNonce is not null) CheckNonce(basic, expectedNonce);

        var single = basic.Responses.FirstOrDefault(r => Matches(r.GetCertID(), certificate, issuer))
                     ?? throw new InvalidDataException("OCSP response does not cover this certificate");
        var thisUpdate = Utc(single.ThisUpdate);
        DateTimeOffset? nextUpdate = single.NextUpdate is { } n ? Utc(n) : null;
        if (now is { } current)
        {
            if (thisUpdate > current + options.ClockSkew)
                throw new InvalidDataException($"OCSP response thisUpdate {thisUpdate:O} is in the future");
            var expiry = nextUpdate ?? thisUpdate + options.OcspMaxAge;
            if (current > expiry + options.ClockSkew)
                throw new InvalidDataException($"stale OCSP response: valid until {expiry:O}");
        }

        return single.GetCertStatus() switch
        {
            null => new RevocationStatus(CertificateStatus.Good, source, thisUpdate, nextUpdate),
            RevokedStatus revoked => new RevocationStatus(
                CertificateStatus.Revoked, source, thisUpdate, nextUpdate, Utc(revoked.RevocationTime),
                revoked.HasRevocationReason ? ReasonName(revoked.RevocationReason) : null),
            _ => new RevocationStatus(CertificateStatus.Unknown, source, thisUpdate, nextUpdate),
        };
    }

    private static bool Matches(CertificateID id, BcCertificate certificate, BcCertificate issuer)
    {
        try { return id.SerialNumber.Equals(certificate.SerialNumber) && id.MatchesIssuer(issuer); }
        catch (OcspException) { return false; }
    }

    private static void VerifySigner(BasicOcspResp basic, BcCertificate issuer, DateTimeOffset? now)
    {
        if (VerifiesWith(basic, issuer)) return;
        foreach (var responder in basic.GetCerts())
        {
            if (!responder.IssuerDN.Equivalent(issuer.SubjectDN, true) || !SignedBy(responder, issuer)) continue;
            if (responder.GetExtendedKeyUsage()?.Any(k => k.Id == OcspSigningEku) != true) continue;
            var at = (now ?? Utc(basic.ProducedAt)).UtcDateTime;
            if (at < responder.NotBefore || at > responder.NotAfter)
                throw new InvalidDataException("OCSP responder certificate is outside its validity");
            if (VerifiesWith(basic, responder)) return;
        }
        throw new InvalidDataException(
            "OCSP response is not signed by the issuing CA nor by a responder it delegated (id-kp-OCSPSigning)");
    }

    private static bool VerifiesWith(BasicOcspResp basic, BcCertificate signer)
    {
        try { return basic.Verify(signer.GetPublicKey()); }
        catch (Exception e) when (e is OcspException or ArgumentException or InvalidOperationException) { return false; }
    }

    private static bool SignedBy(BcCertificate certificate, BcCertificate issuer)
    {
        try { certificate.Verify(issuer.GetPublicKey()); return true; }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException
                                      or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        { return false; }
    }

    private static void CheckNonce(BasicOcspResp basic, byte[] expected)
    {
        var extension = basic.ResponseExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (extension is null)
            throw new InvalidDataException("OCSP response does not echo the request nonce (possible replay)");
        var inner = extension.Value.GetOctets();
        byte[] actual;
        try { actual = Asn1OctetString.GetInstance(Asn1Object.FromByteArray(inner)).GetOctets(); }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException) { actual = inner; }
        if (!actual.AsSpan().SequenceEqual(expected))
            throw new InvalidDataException("OCSP response nonce does not match the request (possible replay)");
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    internal static string ReasonName(int reason) => reason switch
    {
        0 => "unspecified", 1 => "keyCompromise", 2 => "cACompromise", 3 => "affiliationChanged",
        4 => "superseded", 5 => "cessationOfOperation", 6 => "certificateHold", 8 => "removeFromCRL",
        9 => "privilegeWithdrawn", 10 => "aACompromise", _ => $"reason {reason}",
    };
}
