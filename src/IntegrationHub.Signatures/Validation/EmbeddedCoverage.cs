using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// Whether a file's embedded validation data covers a path: for each certificate but the anchor, an OCSP response about
/// it (by serial number and issuer) or a CRL of its issuer. B-LT means the signer's and the signature TSAs' paths are
/// covered, so that they can be validated later with nothing but the file (EN 319 122-1 / 319 132-1 B-LT).
/// It only decides the level label; whether the data is good is what path validation judged.
/// </summary>
internal static class EmbeddedCoverage
{
    public static bool Covers(IReadOnlyList<X509Certificate2> chain, SignatureEvidence evidence)
    {
        if (chain.Count < 2) return chain.Count == 1; // the anchor itself, or no path at all
        var ocsp = OcspSubjects(evidence.OcspResponses);
        var crlIssuers = CrlIssuers(evidence.Crls);
        for (var i = 0; i < chain.Count - 1; i++)
        {
            var certificate = chain[i];
            var issuer = chain[i + 1];
            var serial = new Org.BouncyCastle.Math.BigInteger(1, certificate.SerialNumberBytes.ToArray()).ToString(16);
            // Serial number and issuer name hash (the CertID's own algorithm, SHA-1 in practice): enough to say which
            // certificate a response is about; the response's signature was judged by path validation.
            var byOcsp = ocsp.Any(o => o.Serial == serial && NameHash(o.Id, issuer) is { } hash && hash.AsSpan().SequenceEqual(o.Id.GetIssuerNameHash()));
            if (!byOcsp && !crlIssuers.Contains(Convert.ToHexString(certificate.IssuerName.RawData))) return false;
        }
        return true;
    }

    private static byte[]? NameHash(CertificateID id, X509Certificate2 issuer) =>
        Cms.CmsOids.DigestFromOid(id.HashAlgOid) is { } algorithm ? Cms.CmsOids.Hash(algorithm, issuer.SubjectName.RawData) : null;

    private static List<(string Serial, CertificateID Id)> OcspSubjects(IReadOnlyList<byte[]> responses)
    {
        var result = new List<(string, CertificateID)>();
        foreach (var der in responses)
        {
            try
            {
                if (new OcspResp(der).GetResponseObject() is not BasicOcspResp basic) continue;
                foreach (var single in basic.Responses)
                {
                    var id = single.GetCertID();
                    result.Add((id.SerialNumber.ToString(16), id));
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or OcspException or InvalidOperationException) { }
        }
        return result;
    }

    private static HashSet<string> CrlIssuers(IReadOnlyList<byte[]> crls)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var der in crls)
        {
            try
            {
                // CertificateList { TBSCertList { version?, signature, issuer, ... } }: the issuer's DER is all that is needed.
                var list = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.BER).ReadSequence();
                var tbs = list.ReadSequence();
                if (tbs.PeekTag().HasSameClassAndValue(System.Formats.Asn1.Asn1Tag.Integer)) tbs.ReadInteger();
                tbs.ReadSequence();
                result.Add(Convert.ToHexString(tbs.ReadEncodedValue().Span));
            }
            catch (Exception e) when (e is System.Formats.Asn1.AsnContentException or FormatException) { }
        }
        return result;
    }
}
