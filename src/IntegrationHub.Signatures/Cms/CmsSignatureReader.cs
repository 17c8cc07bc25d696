using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// Reads a DER CMS SignedData (ContentInfo) into evidence. Shared by the CMS format and the PDF format
/// (which passes the digest of the ByteRange as detached content). Parses once, hashes each input once.
/// Throws <see cref="SignatureFormatException"/> when the structure is not SignedData; problems inside one
/// SignerInfo become that signature's FormatErrors.
/// </summary>
public static class CmsSignatureReader
{
    /// <param name="contentInfoDer">DER ContentInfo holding SignedData.</param>
    /// <param name="detachedContentDigest">For detached signatures: computes the digest of the signed content with the
    /// algorithm asked for (streams the content; may be called once per distinct algorithm). Null when attached.</param>
    /// <param name="format">The evidence's Format word when ETSI attributes are present (CADES or PADES).</param>
    /// <param name="firstIndex">Number of the first signature (Id "S-{n}").</param>
    public static IReadOnlyList<SignatureEvidence> Read(
        ReadOnlyMemory<byte> contentInfoDer,
        Func<HashAlgorithmName, byte[]>? detachedContentDigest,
        string format,
        int firstIndex = 1)
    {
        ParsedSignedData parsed;
        try { parsed = CmsSignedDataParser.Parse(contentInfoDer); }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException or ArgumentException)
        {
            throw new SignatureFormatException($"Not a readable CMS SignedData: {e.Message}", e);
        }

        var warnings = new List<string>();
        var certificates = new List<X509Certificate2>();
        for (var i = 0; i < parsed.Certificates.Count; i++)
        {
            try { certificates.Add(CertificateCache.Get(parsed.Certificates[i].Span)); }
            catch (CryptographicException) { warnings.Add($"Carried certificate {i + 1} is unreadable and was ignored."); }
        }

        var contentDigests = new Dictionary<HashAlgorithmName, byte[]?>();
        byte[]? ContentDigest(HashAlgorithmName algorithm)
        {
            if (contentDigests.TryGetValue(algorithm, out var known)) return known;
            var digest = parsed.EContent is { } content ? CmsOids.Hash(algorithm, content.Span) : detachedContentDigest?.Invoke(algorithm);
            contentDigests[algorithm] = digest;
            return digest;
        }

        // The field-by-field view archive timestamps are checked against, parsed only when one is there.
        SignedDataParts? parts = null;
        SignedDataParts Parts() => parts ??= SignedDataParts.Parse(contentInfoDer);

        var result = new List<SignatureEvidence>(parsed.SignerInfos.Count);
        for (var i = 0; i < parsed.SignerInfos.Count; i++)
        {
            var id = $"S-{firstIndex + i}";
            var index = i;
            try { result.Add(Build(id, parsed, parsed.SignerInfos[i], certificates, warnings, format, ContentDigest, () => (Parts(), Parts().SignerInfos[index]))); }
            catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException or ArgumentException)
            {
                result.Add(Unreadable(id, parsed.SignerInfos[i], certificates, $"SignerInfo is malformed: {e.Message}"));
            }
        }
        return result;
    }

    private static SignatureEvidence Build(string id, ParsedSignedData parsed, ParsedSignerInfo si, List<X509Certificate2> certificates,
        List<string> warnings, string format, Func<HashAlgorithmName, byte[]?> contentDigest, Func<(SignedDataParts, SignerInfoParts)> parts)
    {
        var errors = new List<string>();
        var signer = Identify(si, certificates);
        var digestAlgorithm = CmsOids.DigestFromOid(si.DigestOid);
        var signatureAlgorithm = CmsOids.SignatureFromOid(si.SignatureOid, out var impliedDigest);
        if (digestAlgorithm is null) return Unreadable(id, si, certificates, $"Unknown digest algorithm {si.DigestOid}.");
        if (signatureAlgorithm is null) return Unreadable(id, si, certificates, $"Unknown signature algorithm {si.SignatureOid}.");
        if (impliedDigest is { } implied && implied != digestAlgorithm)
            errors.Add($"Signature algorithm {si.SignatureOid} implies {implied.Name}, but the digest algorithm is {digestAlgorithm.Value.Name}.");
        if (signatureAlgorithm.Padding == "PSS") signatureAlgorithm = WithPssParameters(signatureAlgorithm, si.SignatureParameters, digestAlgorithm.Value, errors);

        var digest = contentDigest(digestAlgorithm.Value);
        var references = new List<ReferenceCheck>();
        byte[] signedDigest;
        DateTimeOffset? signingTime = null;
        CertificateDigest? signingCertificate = null;
        var etsi = false;
        if (si.SignedAttributesDer is { } attributesDer)
        {
            signedDigest = CmsOids.Hash(digestAlgorithm.Value, attributesDer);
            var messageDigest = CmsAttributeValues.Find(si.SignedAttributes, CmsOids.MessageDigestAttr);
            if (messageDigest is null || messageDigest.Values.Count != 1) errors.Add("The message-digest signed attribute is missing.");
            else
            {
                var expected = CmsAttributeValues.OctetString(messageDigest.Values[0]);
                references.Add(new ReferenceCheck("message-digest", digest is not null, digest is not null && CryptographicOperations.FixedTimeEquals(expected, digest),
                    digest is null ? "The signed content was not supplied." : null));
            }
            var contentType = CmsAttributeValues.Find(si.SignedAttributes, CmsOids.ContentTypeAttr);
            if (contentType is null) errors.Add("The content-type signed attribute is missing.");
            else if (CmsAttributeValues.ObjectIdentifier(contentType.Values[0]) != parsed.EContentType)
                errors.Add("The content-type signed attribute does not match the encapsulated content type.");
            if (CmsAttributeValues.Find(si.SignedAttributes, CmsOids.SigningTimeAttr) is { Values.Count: > 0 } time)
                signingTime = CmsAttributeValues.Time(time.Values[0]);
            if (CmsAttributeValues.Find(si.SignedAttributes, CmsOids.SigningCertificateV2Attr) is { Values.Count: > 0 } v2)
                signingCertificate = CmsAttributeValues.SigningCertificate(v2.Values[0], v2: true);
            else if (CmsAttributeValues.Find(si.SignedAttributes, CmsOids.SigningCertificateAttr) is { Values.Count: > 0 } v1)
                signingCertificate = CmsAttributeValues.SigningCertificate(v1.Values[0], v2: false);
            etsi = signingCertificate is not null;
        }
        else
        {
            // Without signed attributes the signature covers the content digest itself: a changed content shows as a crypto failure.
            signedDigest = digest ?? [];
            references.Add(new ReferenceCheck("content", digest is not null, digest is not null, digest is null ? "The signed content was not supplied." : null));
        }

        var timestamps = new List<TimestampEvidence>();
        if (CmsAttributeValues.Find(si.UnsignedAttributes, CmsOids.SignatureTimestampAttr) is { } tsAttr)
            foreach (var token in tsAttr.Values) timestamps.Add(new TimestampEvidence("SIGNATURE_TIMESTAMP", token.ToArray(), si.Signature));
        foreach (var attribute in si.UnsignedAttributes)
        {
            if (attribute.Oid != CmsOids.ArchiveTimestampV3Attr) continue;
            var (signedData, signerInfo) = parts();
            foreach (var token in attribute.Values)
            {
                var (data, problem) = ArchiveTimestampV3.ForValidation(signedData, signerInfo, token, contentDigest);
                timestamps.Add(new TimestampEvidence("ARCHIVE_TIMESTAMP", token.ToArray(), data) { Problem = problem });
            }
        }

        return new SignatureEvidence
        {
            Id = id,
            Format = etsi ? format : "CMS",
            Signer = signer,
            Certificates = certificates,
            SignedDigest = signedDigest,
            DigestAlgorithm = digestAlgorithm.Value,
            SignatureAlgorithm = signatureAlgorithm,
            SignatureValue = si.Signature,
            References = references,
            SigningCertificateReference = signingCertificate,
            ClaimedSigningTime = signingTime,
            Timestamps = timestamps,
            Crls = parsed.Crls,
            OcspResponses = parsed.OcspResponses,
            // CAdES B-LT keeps its certificate and revocation values in SignedData.certificates and .crls (EN 319 122-1 6.3).
            CarriesValidationData = parsed.Crls.Count > 0 || parsed.OcspResponses.Count > 0,
            HasEtsiSignedAttributes = etsi,
            FormatErrors = errors,
            Warnings = warnings,
        };
    }

    /// <summary>RSASSA-PSS-params: the hash must be the digest algorithm and MGF1 must use it too; the salt length is kept.</summary>
    private static SignatureAlgorithm WithPssParameters(SignatureAlgorithm algorithm, ReadOnlyMemory<byte>? parameters, HashAlgorithmName digest, List<string> errors)
    {
        var hash = HashAlgorithmName.SHA1;
        var mgfHash = HashAlgorithmName.SHA1;
        var salt = 20;
        if (parameters is { } p)
        {
            var seq = new AsnReader(p, AsnEncodingRules.BER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                var field = seq.ReadSequence(tag);
                switch (tag.TagValue)
                {
                    case 0: hash = CmsOids.DigestFromOid(CmsSignedDataParser.ReadAlgorithm(field).Oid) ?? default; break;
                    case 1:
                        var mgf = field.ReadSequence();
                        mgf.ReadObjectIdentifier();
                        mgfHash = CmsOids.DigestFromOid(CmsSignedDataParser.ReadAlgorithm(mgf).Oid) ?? default;
                        break;
                    case 2: salt = (int)field.ReadInteger(); break;
                }
            }
        }
        if (hash != digest || mgfHash != digest) errors.Add("RSASSA-PSS parameters name another hash than the digest algorithm.");
        return algorithm with { PssSaltLength = salt };
    }

    private static SignerIdentifier Identify(ParsedSignerInfo si, List<X509Certificate2> certificates)
    {
        foreach (var c in certificates)
        {
            // The certificate's own (cached) issuer string avoids formatting the name again for every file.
            if (si.SerialNumber is not null && si.IssuerNameDer is { } name
                && c.SerialNumberBytes.Span.SequenceEqual(si.SerialNumber) && c.IssuerName.RawData.AsSpan().SequenceEqual(name.Span))
                return new SignerIdentifier(c.Issuer, si.SerialNumber, null, c);
            if (si.SubjectKeyIdentifier is not null && SubjectKeyIdentifier(c) is { } ski && ski.AsSpan().SequenceEqual(si.SubjectKeyIdentifier))
                return new SignerIdentifier(null, null, si.SubjectKeyIdentifier, c);
        }
        string? issuer = si.IssuerNameDer is { } der ? new X500DistinguishedName(der.Span).Name : null;
        return new SignerIdentifier(issuer, si.SerialNumber, si.SubjectKeyIdentifier);
    }

    internal static byte[]? SubjectKeyIdentifier(X509Certificate2 certificate) =>
        certificate.Extensions["2.5.29.14"] is X509SubjectKeyIdentifierExtension ext ? ext.SubjectKeyIdentifierBytes.ToArray() : null;

    private static SignatureEvidence Unreadable(string id, ParsedSignerInfo si, List<X509Certificate2> certificates, string error) => new()
    {
        Id = id,
        Format = "CMS",
        Signer = Identify(si, certificates),
        Certificates = certificates,
        SignedDigest = [],
        DigestAlgorithm = CmsOids.DigestFromOid(si.DigestOid) ?? default,
        SignatureAlgorithm = new SignatureAlgorithm("UNKNOWN", null, si.SignatureOid),
        SignatureValue = si.Signature,
        FormatErrors = [error],
    };
}
