using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Validation;

/// <summary>
/// Finds the signing certificate among the carried and supplied ones by the signature's identifier, then checks
/// the signed certificate reference (CAdES signing-certificate(-v2), XAdES SigningCertificate) against it.
/// </summary>
internal static class SignerIdentification
{
    public static X509Certificate2? Find(SignatureEvidence evidence, IReadOnlyList<X509Certificate2> extraCertificates, List<string> errors)
    {
        var id = evidence.Signer;
        var candidate = id.Certificate is { } given && Matches(given, id) ? given : null;
        candidate ??= evidence.Certificates.FirstOrDefault(c => Matches(c, id)) ?? extraCertificates.FirstOrDefault(c => Matches(c, id));
        if (candidate is null)
        {
            errors.Add("The signing certificate is neither in the signature nor among the supplied certificates.");
            return null;
        }
        if (evidence.SigningCertificateReference is { } reference)
        {
            var digest = CertificateFacts.Of(candidate).Digest(reference.Algorithm, candidate);
            if (!CryptographicOperations.FixedTimeEquals(digest, reference.Value))
            {
                errors.Add("The signed signing-certificate reference does not match the certificate that identifies the signer.");
                return null;
            }
        }
        return candidate;
    }

    private static bool Matches(X509Certificate2 certificate, SignerIdentifier id)
    {
        if (id.Certificate is { } c && !ReferenceEquals(c, certificate) && !c.RawData.AsSpan().SequenceEqual(certificate.RawData)) return false;
        if (id.SerialNumber is { } serial && !certificate.SerialNumberBytes.Span.SequenceEqual(serial)) return false;
        if (id.IssuerName is { } issuer && id.SerialNumber is not null && certificate.Issuer != issuer && certificate.IssuerName.Name != issuer) return false;
        if (id.SubjectKeyIdentifier is { } ski && !(CertificateFacts.Of(certificate).SubjectKeyIdentifier?.AsSpan().SequenceEqual(ski) ?? false)) return false;
        return id.Certificate is not null || id.SerialNumber is not null || id.SubjectKeyIdentifier is not null;
    }
}
