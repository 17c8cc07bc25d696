using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Creation;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// CAdES baseline augmentation (EN 319 122-1) of every SignerInfo of a SignedData: B-B to B-T (signature-time-stamp),
/// B-T to B-LT (certificates into SignedData.certificates, CRLs and OCSP responses into SignedData.crls, OCSP as
/// OtherRevocationInfoFormat id-ri-ocsp-response), B-LT to B-LTA and its renewal (archive-time-stamp-v3). Only unsigned
/// fields change, so the signature value and the message digest still verify.
/// </summary>
public sealed class CadesAugmenter : IFormatAugmenter
{
    public string Format => "CADES";

    public async Task<byte[]> AddSignatureTimestampAsync(byte[] document, ITimestampClient timestamps, HashAlgorithmName digestAlgorithm,
        CancellationToken cancellationToken = default)
    {
        var parts = SignedDataParts.Parse(document);
        foreach (var signer in parts.SignerInfos)
        {
            if (signer.UnsignedAttributes.Any(a => SignerInfoParts.ReadAttribute(a).Oid == CmsOids.SignatureTimestampAttr)) continue;
            var token = await timestamps.GetTokenAsync(signer.Signature.ToArray(), digestAlgorithm, cancellationToken);
            signer.UnsignedAttributes.Add(SignerInfoParts.Attribute(CmsOids.SignatureTimestampAttr, token));
        }
        return parts.Encode();
    }

    public byte[] AddValidationData(byte[] document, Stream? detachedContent, ValidationData data)
    {
        var parts = SignedDataParts.Parse(document);
        foreach (var certificate in data.Certificates)
            if (!parts.Certificates.Any(c => c.Span.SequenceEqual(certificate.RawData))) parts.Certificates.Add(certificate.RawData);
        foreach (var crl in data.Crls)
            if (!parts.Crls.Any(c => c.Span.SequenceEqual(crl))) parts.Crls.Add(crl);
        foreach (var response in data.OcspResponses)
        {
            var choice = SignedDataParts.OcspRevocationInfo(response);
            if (!parts.Crls.Any(c => c.Span.SequenceEqual(choice))) parts.Crls.Add(choice);
        }
        // RFC 5652 5.1: a SignedData with an "other" revocation format is version 5.
        if (data.OcspResponses.Count > 0) parts.Version = Math.Max(parts.Version, 5);
        return parts.Encode();
    }

    public async Task<byte[]> AddArchiveTimestampAsync(byte[] document, Stream? detachedContent, ITimestampClient timestamps,
        HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default)
    {
        var parts = SignedDataParts.Parse(document);
        byte[] contentHash;
        if (parts.EContent is { } content) contentHash = CmsOids.Hash(digestAlgorithm, content.Span);
        else if (detachedContent is not null) contentHash = CmsOids.Hash(digestAlgorithm, detachedContent);
        else throw new ArgumentException("The signature is detached: the signed content is needed for an archive timestamp.", nameof(detachedContent));

        // Each SignerInfo gets its own timestamp, made over the file as it stands, earlier archive timestamps included.
        foreach (var signer in parts.SignerInfos)
        {
            var index = ArchiveTimestampV3.HashIndex(parts, signer, digestAlgorithm);
            var data = ArchiveTimestampV3.TimestampedData(parts, signer, contentHash, index);
            var token = await timestamps.GetTokenAsync(data, digestAlgorithm, cancellationToken);
            signer.UnsignedAttributes.Add(SignerInfoParts.Attribute(CmsOids.ArchiveTimestampV3Attr, ArchiveTimestampV3.WithHashIndex(token, index)));
        }
        return parts.Encode();
    }
}
