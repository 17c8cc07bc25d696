using System.Formats.Asn1;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Signatures.Cms;

/// <summary>
/// CAdES archive-time-stamp-v3 (EN 319 122-1 5.5.3). The message imprint is the hash of the concatenation of
/// (1) the DER eContentType, (2) the hash of the signed content (eContent octets, or the detached content) with the
/// imprint's algorithm, (3) the SignerInfo's version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm and
/// signature as encoded, (4) the DER ATSHashIndexV3 that the token then carries in its own unsigned ats-hash-index-v3
/// attribute. The index lists the hash of every certificate, every RevocationInfoChoice and every unsigned attribute
/// value (hash of the attribute type's DER followed by the value's DER, one entry per value, as EU DSS computes it)
/// present when the timestamp was made. Data added later (the archive TSA's own validation data, a renewal) is simply
/// not in the index; data listed there but gone makes the timestamp fail.
/// </summary>
internal static class ArchiveTimestampV3
{
    /// <summary>ATSHashIndexV3 { hashIndAlgorithm DEFAULT sha256, certificatesHashIndex, crlsHashIndex, unsignedAttrsHashIndex }.</summary>
    public static byte[] HashIndex(SignedDataParts signedData, SignerInfoParts signer, HashAlgorithmName algorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (algorithm != HashAlgorithmName.SHA256) CmsWriter.DigestAlgorithm(writer, algorithm);
            using (writer.PushSequence()) foreach (var c in signedData.Certificates) writer.WriteOctetString(CmsOids.Hash(algorithm, c.Span));
            using (writer.PushSequence()) foreach (var c in signedData.Crls) writer.WriteOctetString(CmsOids.Hash(algorithm, c.Span));
            using (writer.PushSequence()) foreach (var h in UnsignedAttributeHashes(signer, algorithm)) writer.WriteOctetString(h);
        }
        return writer.Encode();
    }

    /// <summary>The bytes whose hash the archive timestamp imprints.</summary>
    public static byte[] TimestampedData(SignedDataParts signedData, SignerInfoParts signer, byte[] contentHash, ReadOnlySpan<byte> hashIndex)
    {
        using var data = new MemoryStream();
        data.Write(signedData.EContentTypeDer.Span);
        data.Write(contentHash);
        foreach (var field in signer.SignedFields) data.Write(field.Span);
        data.Write(hashIndex);
        return data.ToArray();
    }

    /// <summary>The token with the ats-hash-index-v3 attribute added to its SignerInfo (unsigned, so the TSA's signature still holds).</summary>
    public static byte[] WithHashIndex(byte[] token, byte[] hashIndex)
    {
        var parts = SignedDataParts.Parse(token);
        parts.SignerInfos[0].UnsignedAttributes.Add(SignerInfoParts.Attribute(CmsOids.AtsHashIndexV3Attr, hashIndex));
        return parts.Encode();
    }

    /// <summary>
    /// For validation: the imprinted bytes rebuilt from the file as it is now and the index the token carries, and the
    /// problem (null when none) that makes the token unusable whatever its imprint: no index, or an indexed element missing.
    /// </summary>
    public static (byte[] Data, string? Problem) ForValidation(SignedDataParts signedData, SignerInfoParts signer, ReadOnlyMemory<byte> token,
        Func<HashAlgorithmName, byte[]?> contentDigest)
    {
        try
        {
            var tokenParts = SignedDataParts.Parse(token);
            if (tokenParts.EContent is not { } tst) return ([], "The archive timestamp holds no TSTInfo.");
            var imprintAlgorithm = TstInfo.Parse(tst).ImprintAlgorithm;
            var indexAttribute = tokenParts.SignerInfos.Count == 1
                ? tokenParts.SignerInfos[0].UnsignedAttributes.Select(SignerInfoParts.ReadAttribute).FirstOrDefault(a => a.Oid == CmsOids.AtsHashIndexV3Attr)
                : default;
            if (indexAttribute.Values is not { Count: 1 } values) return ([], "The archive-time-stamp-v3 carries no ats-hash-index-v3 attribute.");
            var index = values[0];
            if (contentDigest(imprintAlgorithm) is not { } contentHash) return ([], "The signed content was not supplied: the archive timestamp cannot be checked.");
            var missing = MissingEntries(signedData, signer, index.Span);
            var data = TimestampedData(signedData, signer, contentHash, index.Span);
            return (data, missing is null ? null : $"The archive timestamp covers {missing} no longer in the signature.");
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException or ArgumentException)
        {
            return ([], $"The archive timestamp is malformed: {e.Message}");
        }
    }

    /// <summary>What the index lists that the signature no longer holds, or null when everything is there.</summary>
    private static string? MissingEntries(SignedDataParts signedData, SignerInfoParts signer, ReadOnlySpan<byte> indexDer)
    {
        var index = new AsnReader(indexDer.ToArray(), AsnEncodingRules.BER).ReadSequence();
        var algorithm = HashAlgorithmName.SHA256;
        if (index.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence) && IsAlgorithmIdentifier(index))
            algorithm = CmsOids.DigestFromOid(CmsSignedDataParser.ReadAlgorithm(index).Oid) ?? throw new FormatException("Unknown hashIndAlgorithm.");
        var certificates = signedData.Certificates.Select(c => Convert.ToHexString(CmsOids.Hash(algorithm, c.Span))).ToHashSet();
        var crls = signedData.Crls.Select(c => Convert.ToHexString(CmsOids.Hash(algorithm, c.Span))).ToHashSet();
        var attributes = UnsignedAttributeHashes(signer, algorithm).Select(Convert.ToHexString).ToHashSet();
        foreach (var (name, present) in new[] { ("a certificate", certificates), ("revocation data", crls), ("an unsigned attribute", attributes) })
        {
            var list = index.ReadSequence();
            while (list.HasData)
                if (!present.Contains(Convert.ToHexString(list.ReadOctetString()))) return name;
        }
        return null;
    }

    /// <summary>An AlgorithmIdentifier starts with an OID; the three index lists start with OCTET STRINGs (or are empty).</summary>
    private static bool IsAlgorithmIdentifier(AsnReader index)
    {
        var peek = new AsnReader(index.PeekEncodedValue(), AsnEncodingRules.BER).ReadSequence();
        return peek.HasData && peek.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier);
    }

    private static IEnumerable<byte[]> UnsignedAttributeHashes(SignerInfoParts signer, HashAlgorithmName algorithm)
    {
        foreach (var encoded in signer.UnsignedAttributes)
        {
            var (typeDer, _, values) = SignerInfoParts.ReadAttribute(encoded);
            foreach (var value in values)
            {
                using var hash = IncrementalHash.CreateHash(algorithm);
                hash.AppendData(typeDer.Span);
                hash.AppendData(value.Span);
                yield return hash.GetHashAndReset();
            }
        }
    }
}
