using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>The DSS's streams as the validator takes them: certificates loaded, CRLs and OCSP responses as DER.</summary>
internal sealed record PdfDssEvidence(List<X509Certificate2> Certificates, List<byte[]> Crls, List<byte[]> OcspResponses)
{
    public static PdfDssEvidence Of(PdfDss? dss)
    {
        if (dss is null) return new([], [], []);
        var certificates = new List<X509Certificate2>();
        foreach (var item in dss.Certs)
        {
            // An unreadable one is already among the DSS's errors.
            try { certificates.Add(CertificateCache.Get(item.Der)); }
            catch (CryptographicException) { }
        }
        return new(certificates, [.. dss.Crls.Select(c => c.Der)], [.. dss.Ocsps.Select(o => o.Der)]);
    }
}
