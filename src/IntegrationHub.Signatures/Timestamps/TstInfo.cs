using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;

namespace IntegrationHub.Signatures.Timestamps;

/// <summary>The RFC 3161 TSTInfo fields the hub checks: imprint, generation time, nonce, policy, serial.</summary>
public sealed record TstInfo(string Policy, HashAlgorithmName ImprintAlgorithm, byte[] Imprint, BigInteger SerialNumber, DateTimeOffset GenerationTime, BigInteger? Nonce)
{
    public static TstInfo Parse(ReadOnlyMemory<byte> der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.BER);
        var seq = reader.ReadSequence();
        seq.ReadInteger();
        var policy = seq.ReadObjectIdentifier();
        var imprint = seq.ReadSequence();
        var (oid, _) = CmsSignedDataParser.ReadAlgorithm(imprint);
        var algorithm = CmsOids.DigestFromOid(oid) ?? throw new FormatException($"Unknown message imprint algorithm {oid}.");
        var hashed = imprint.ReadOctetString();
        var serial = seq.ReadInteger();
        var genTime = seq.ReadGeneralizedTime();
        BigInteger? nonce = null;
        while (seq.HasData)
        {
            var tag = seq.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Integer)) nonce = seq.ReadInteger();
            else seq.ReadEncodedValue(); // accuracy, ordering, tsa, extensions
        }
        return new TstInfo(policy, algorithm, hashed, serial, genTime, nonce);
    }
}
