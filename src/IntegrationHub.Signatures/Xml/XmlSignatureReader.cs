using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Xml;

/// <summary>Turns one ds:Signature element into evidence: hashes and parses, never judges trust or time.</summary>
internal static class XmlSignatureReader
{
    public static SignatureEvidence Read(XmlElement signature, string id, XmlIdIndex ids, Func<Stream?> detachedContent)
    {
        var ns = XmlDsigNamespaces.Manager(signature);
        var signedInfo = signature.SelectSingleNode("ds:SignedInfo", ns) as XmlElement
                         ?? throw new SignatureFormatException($"{id}: ds:Signature has no ds:SignedInfo.");
        var valueElement = signature.SelectSingleNode("ds:SignatureValue", ns) as XmlElement
                           ?? throw new SignatureFormatException($"{id}: ds:Signature has no ds:SignatureValue.");
        var c14n = (signedInfo.SelectSingleNode("ds:CanonicalizationMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        if (!XmlCanonicalizer.IsSupported(c14n))
            throw new SignatureFormatException($"{id}: unsupported canonicalization method '{c14n}'.");
        var methodUri = (signedInfo.SelectSingleNode("ds:SignatureMethod", ns) as XmlElement)?.GetAttribute("Algorithm");
        var method = XmlAlgorithms.FindSignatureMethod(methodUri)
                     ?? throw new SignatureFormatException($"{id}: unsupported signature method '{methodUri}'.");

        var formatErrors = new List<string>();
        var prefixes = signedInfo.SelectSingleNode("ds:CanonicalizationMethod/*[local-name()='InclusiveNamespaces']", ns) is XmlElement inc
            ? inc.GetAttribute("PrefixList") : null;
        var signedDigest = XmlAlgorithms.Hash(method.Hash, XmlCanonicalizer.CanonicalizeElement(signedInfo, c14n!, prefixes));
        var signatureValue = SignatureValue(valueElement, method, id);

        var (certificates, issuerName, serial, ski) = ReadKeyInfo(signature, ns, formatErrors);
        var xades = XadesPropertiesReader.Read(signature, valueElement);
        if (xades is not null)
        {
            formatErrors.AddRange(xades.Errors);
            certificates.AddRange(xades.CertificateValues.Where(c => !certificates.Any(k => k.RawData.AsSpan().SequenceEqual(c.RawData))));
        }

        var references = signedInfo.SelectNodes("ds:Reference", ns)!.OfType<XmlElement>()
            .Select(r => XmlReferenceDigester.Resolve(r, signature, ids, detachedContent)).ToList();
        formatErrors.AddRange(references.Where(r => r.Unsupported).Select(r => $"reference {r.Name}: {r.Detail}"));
        var signedPropertiesCovered = xades?.SignedProperties is { } sp
                                      && references.Any(r => r.Type == XmlDsigNames.SignedPropertiesType && r.Target == sp);
        if (xades?.SignedProperties is not null && !signedPropertiesCovered)
            formatErrors.Add("xades:SignedProperties are not covered by a ds:Reference of Type SignedProperties");

        var (failures, scopeWarnings) = XmlWrappingCheck.Check(signature, references, ids, xades?.SignedProperties);
        var signer = PickSigner(certificates, xades?.SigningCertificate, issuerName, serial, ski);
        return new SignatureEvidence
        {
            Id = id,
            Format = xades?.SignedProperties is not null ? "XADES" : "XMLDSIG",
            Signer = signer is not null ? new SignerIdentifier(Certificate: signer) : new SignerIdentifier(issuerName, serial, ski),
            Certificates = certificates,
            SignedDigest = signedDigest,
            DigestAlgorithm = method.Hash,
            SignatureAlgorithm = method.Algorithm,
            SignatureValue = signatureValue,
            References = references.Select(r => new ReferenceCheck(r.Name, r.Found, r.Intact, r.Detail)).ToList(),
            SigningCertificateReference = signedPropertiesCovered ? xades!.SigningCertificate : null,
            ClaimedSigningTime = signedPropertiesCovered ? xades!.SigningTime : null,
            Timestamps = xades is null ? [] : [.. xades.Timestamps, .. ArchiveTimestamps(signature, xades, ids, detachedContent)],
            Crls = xades?.Crls ?? [],
            OcspResponses = xades?.OcspResponses ?? [],
            CarriesValidationData = xades?.CarriesValidationData ?? false,
            HasEtsiSignedAttributes = signedPropertiesCovered,
            FormatErrors = formatErrors,
            Failures = failures,
            Warnings = scopeWarnings,
        };
    }

    /// <summary>Each ArchiveTimeStamp with the input recomputed from the document as it is now (EN 319 132-1 5.5.2.2).</summary>
    private static IEnumerable<TimestampEvidence> ArchiveTimestamps(XmlElement signature, XadesProperties xades, XmlIdIndex ids, Func<Stream?> detachedContent)
    {
        foreach (var (element, c14n, token) in xades.ArchiveTimestamps)
        {
            var (data, problem) = XadesArchiveTimestamp.Input(signature, element, c14n, ids, detachedContent);
            yield return new TimestampEvidence(Validation.TimestampChain.ArchiveTimestamp, token, data) { Problem = problem };
        }
    }

    private static byte[] SignatureValue(XmlElement element, XmlSignatureMethod method, string id)
    {
        byte[] value;
        try { value = Convert.FromBase64String(element.InnerText); }
        catch (FormatException e) { throw new SignatureFormatException($"{id}: ds:SignatureValue is not base64.", e); }
        if (method.Algorithm.KeyAlgorithm != "ECDSA")
            return value;
        try { return EcdsaSignatureEncoding.RawToDer(value); }
        catch (FormatException e) { throw new SignatureFormatException($"{id}: ECDSA ds:SignatureValue is not r||s.", e); }
    }

    private static (List<X509Certificate2>, string?, byte[]?, byte[]?) ReadKeyInfo(XmlElement signature, XmlNamespaceManager ns, List<string> errors)
    {
        var certificates = new List<X509Certificate2>();
        foreach (var node in signature.SelectNodes("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.OfType<XmlNode>())
        {
            try { certificates.Add(CertificateCache.Get(Convert.FromBase64String(node.InnerText))); }
            catch (Exception e) when (e is FormatException or CryptographicException) { errors.Add("ds:X509Certificate is not a certificate"); }
        }
        string? issuer = null;
        byte[]? serial = null, ski = null;
        if (signature.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509IssuerSerial", ns) is XmlElement issuerSerial)
        {
            try
            {
                issuer = new X500DistinguishedName(issuerSerial.SelectSingleNode("ds:X509IssuerName", ns)?.InnerText.Trim() ?? "").Name;
                serial = BigInteger.Parse(issuerSerial.SelectSingleNode("ds:X509SerialNumber", ns)?.InnerText.Trim() ?? "")
                    .ToByteArray(isUnsigned: false, isBigEndian: true);
            }
            catch (Exception e) when (e is FormatException or CryptographicException) { errors.Add("ds:X509IssuerSerial is malformed"); }
        }
        if (signature.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509SKI", ns) is XmlElement skiElement)
        {
            try { ski = Convert.FromBase64String(skiElement.InnerText); }
            catch (FormatException) { errors.Add("ds:X509SKI is not base64"); }
        }
        return (certificates, issuer, serial, ski);
    }

    /// <summary>
    /// The signer among the carried certificates: the one the signed XAdES digest names, else the one KeyInfo's
    /// issuer/serial or SKI names, else the leaf (a certificate that issued none of the others).
    /// </summary>
    private static X509Certificate2? PickSigner(List<X509Certificate2> certificates, CertificateDigest? reference, string? issuer, byte[]? serial, byte[]? ski)
    {
        if (certificates.Count == 0)
            return null;
        if (reference is not null && certificates.FirstOrDefault(c => XmlAlgorithms.Hash(reference.Algorithm, c.RawData).AsSpan().SequenceEqual(reference.Value)) is { } byDigest)
            return byDigest;
        if (serial is not null && certificates.FirstOrDefault(c => c.SerialNumberBytes.Span.SequenceEqual(serial) && c.IssuerName.Name == issuer) is { } bySerial)
            return bySerial;
        if (ski is not null && certificates.FirstOrDefault(c => c.Extensions.OfType<X509SubjectKeyIdentifierExtension>()
                .Any(e => e.SubjectKeyIdentifierBytes.Span.SequenceEqual(ski))) is { } bySki)
            return bySki;
        return certificates.FirstOrDefault(c => !certificates.Any(o => o != c && o.IssuerName.RawData.AsSpan().SequenceEqual(c.SubjectName.RawData)
                                                                     && !o.SubjectName.RawData.AsSpan().SequenceEqual(o.IssuerName.RawData)))
               ?? certificates[0];
    }
}
