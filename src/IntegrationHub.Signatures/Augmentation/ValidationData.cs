using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// What a signature needs embedded to be validated later without the network (B-LT): every certificate of the
/// signer's and the timestamps' paths up to the trust anchor, and the CRLs and OCSP responses (DER) that show
/// each of them unrevoked.
/// </summary>
public sealed record ValidationData(
    IReadOnlyList<X509Certificate2> Certificates,
    IReadOnlyList<byte[]> Crls,
    IReadOnlyList<byte[]> OcspResponses);
