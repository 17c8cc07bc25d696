using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Pdf;

/// <summary>One stream of the DSS (a certificate, CRL or OCSP response), with the reference the VRI entries use.</summary>
internal sealed record PdfDssItem(PdfRef Ref, byte[] Der);

/// <summary>
/// The document security store of the current revision (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4.2): the
/// /Certs, /CRLs and /OCSPs streams and the /VRI entries keyed by the uppercase hex SHA-1 of a signature's /Contents.
/// <see cref="Errors"/> lists the streams that cannot be read or are not the DER they claim to be.
/// </summary>
internal sealed record PdfDss(
    List<PdfDssItem> Certs,
    List<PdfDssItem> Crls,
    List<PdfDssItem> Ocsps,
    Dictionary<string, PdfDict>? Vri,
    List<string> Errors)
{
    public bool HasData => Certs.Count + Crls.Count + Ocsps.Count > 0;

    /// <summary>The /VRI key of a signature or document timestamp: SHA-1 of its DER /Contents (without the zero padding).</summary>
    public static string VriKey(byte[] contentsDer) => Convert.ToHexString(SHA1.HashData(contentsDer));

    /// <summary>Whether the DSS holds data for this signature: by its /VRI entry, or, in a DSS without /VRI, at all.</summary>
    public bool Covers(string vriKey) => Vri is null ? HasData : Vri.ContainsKey(vriKey);

    /// <summary>Reads the DSS of the latest revision, or as it was in <paramref name="revision"/>; null when the catalog has none.</summary>
    public static PdfDss? Read(PdfFile file, int? revision = null)
    {
        var trailer = revision is { } r ? file.Revisions[r - 1].Sections[^1].Trailer : file.Trailer;
        var catalog = file.ResolveDict(trailer["Root"], revision);
        if (catalog?["DSS"] is not { } value) return null;
        var errors = new List<string>();
        var dss = file.ResolveDict(value, revision);
        if (dss is null) return new PdfDss([], [], [], null, ["/DSS is not a dictionary."]);

        var certs = Items(file, dss, "Certs", errors, revision);
        foreach (var cert in certs)
        {
            try { CertificateCache.Get(cert.Der); }
            catch (CryptographicException) { errors.Add($"/DSS /Certs stream {cert.Ref.Number} is not a DER certificate."); }
        }
        var crls = Items(file, dss, "CRLs", errors, revision);
        var ocsps = Items(file, dss, "OCSPs", errors, revision);
        foreach (var (items, what) in new[] { (crls, "CRLs"), (ocsps, "OCSPs") })
            foreach (var item in items.Where(i => !IsOneSequence(i.Der)))
                errors.Add($"/DSS /{what} stream {item.Ref.Number} is not a DER {(what == "CRLs" ? "CRL" : "OCSP response")}.");

        Dictionary<string, PdfDict>? vri = null;
        if (dss["VRI"] is { } vriValue)
        {
            vri = new Dictionary<string, PdfDict>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, entry) in Safe(file, vriValue, errors, revision)?.Entries ?? [])
                if (Safe(file, entry, errors, revision) is { } dict) vri[key] = dict;
        }
        return new PdfDss(certs, crls, ocsps, vri, errors);
    }

    private static List<PdfDssItem> Items(PdfFile file, PdfDict dss, string key, List<string> errors, int? revision)
    {
        var result = new List<PdfDssItem>();
        PdfArray? array;
        try { array = file.Resolve(dss[key], revision) as PdfArray; }
        catch (PdfSyntaxException e) { errors.Add($"/DSS /{key} cannot be read ({e.Message})."); return result; }
        foreach (var item in array?.Items ?? [])
        {
            try
            {
                if (item is PdfRef reference && file.Resolve(reference, revision) is PdfStream stream)
                    result.Add(new PdfDssItem(reference, PdfFilters.Decode(stream.Dict, file.ReadStreamData(stream))));
                else errors.Add($"/DSS /{key} entry {item} is not a stream.");
            }
            catch (PdfSyntaxException e) { errors.Add($"/DSS /{key} entry {item} cannot be read ({e.Message})."); }
        }
        return result;
    }

    private static PdfDict? Safe(PdfFile file, PdfObject value, List<string> errors, int? revision)
    {
        try { return file.ResolveDict(value, revision); }
        catch (PdfSyntaxException e) { errors.Add($"/DSS /VRI cannot be read ({e.Message})."); return null; }
    }

    /// <summary>A CRL or an OCSPResponse is one ASN.1 SEQUENCE and nothing after it.</summary>
    private static bool IsOneSequence(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            reader.ReadSequence();
            return !reader.HasData;
        }
        catch (AsnContentException) { return false; }
    }
}
