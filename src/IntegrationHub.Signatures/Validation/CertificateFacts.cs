using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Validation;

/// <summary>What the validator asks of a certificate again and again, computed once per certificate object.</summary>
internal sealed record CertificateFacts(string Sha256Hex, byte[] Sha256, byte[] Sha1, SignerReport Report, byte[]? SubjectKeyIdentifier)
{
    private static readonly ConditionalWeakTable<X509Certificate2, CertificateFacts> Table = new();

    public static CertificateFacts Of(X509Certificate2 certificate) => Table.GetValue(certificate, c =>
    {
        var sha256 = SHA256.HashData(c.RawData);
        var report = new SignerReport(c.Subject, c.Issuer, c.SerialNumber, new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        var ski = c.Extensions["2.5.29.14"] is X509SubjectKeyIdentifierExtension e ? e.SubjectKeyIdentifierBytes.ToArray() : null;
        return new CertificateFacts(Convert.ToHexString(sha256), sha256, SHA1.HashData(c.RawData), report, ski);
    });

    public byte[] Digest(HashAlgorithmName algorithm, X509Certificate2 certificate) =>
        algorithm == HashAlgorithmName.SHA256 ? Sha256 : algorithm == HashAlgorithmName.SHA1 ? Sha1 : Cms.CmsOids.Hash(algorithm, certificate.RawData);
}
