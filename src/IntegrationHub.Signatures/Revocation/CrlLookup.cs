using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>
/// Finds a certificate's entry in the CRLs its issuer signed, for the revocation date and reason the report
/// shows. Whether the CRL is acceptable at all (scope, delta, freshness) is judged by <see cref="CrlCheck"/>.
/// </summary>
internal static class CrlLookup
{
    public static (DateTimeOffset RevokedAt, string? Reason)? Find(
        BcCertificate certificate, BcCertificate issuer, IEnumerable<BcCrl> crls)
    {
        (DateTimeOffset, string?)? earliest = null;
        foreach (var crl in crls)
        {
            if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, true) || !SignedBy(crl, issuer)) continue;
            var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
            if (entry is null) continue;
            var at = OcspResponseChecker.Utc(entry.RevocationDate);
            if (earliest is null || at < earliest.Value.Item1) earliest = (at, Reason(entry));
        }
        return earliest;
    }

    /// <summary>Whether the CRL verifies with the issuer's key (a CRL that does not is ignored, never an error).</summary>
    internal static bool SignedBy(BcCrl crl, BcCertificate issuer)
    {
        try { crl.Verify(issuer.GetPublicKey()); return true; }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException
                                      or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        { return false; }
    }

    internal static string? Reason(Org.BouncyCastle.X509.X509CrlEntry entry)
    {
        var value = entry.GetExtensionValue(X509Extensions.ReasonCode);
        if (value is null) return null;
        try { return OcspResponseChecker.ReasonName(DerEnumerated.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).IntValueExact); }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException) { return null; }
    }
}
