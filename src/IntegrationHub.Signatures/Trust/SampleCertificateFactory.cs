using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Signatures.Trust;

/// <summary>A certificate with its private key, as the sample PKI makes them.</summary>
public sealed record IssuedCertificate(X509Certificate2 Certificate, AsymmetricAlgorithm Key)
{
    public X509Certificate2 WithKey() => Key switch
    {
        RSA rsa => Certificate.CopyWithPrivateKey(rsa),
        ECDsa ecdsa => Certificate.CopyWithPrivateKey(ecdsa),
        _ => throw new NotSupportedException(Key.GetType().Name),
    };
}

/// <summary>
/// Makes test certificates with the platform's CertificateRequest: the extensions real Vietnamese CAs put in
/// (key identifiers, CRL distribution point, OCSP and CA-issuer URLs), RSA or ECDSA P-256 keys, SHA-256.
/// </summary>
public static class SampleCertificateFactory
{
    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";
    private const string OcspNoCheck = "1.3.6.1.5.5.7.48.1.5";

    public static X500DistinguishedName Name(string commonName, string? organization = null, string? serialNumber = null,
        string? province = null, string? organizationalUnit = null)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("VN");
        if (province is not null) builder.AddStateOrProvinceName(province);
        if (organization is not null) builder.AddOrganizationName(organization);
        if (organizationalUnit is not null) builder.AddOrganizationalUnitName(organizationalUnit);
        // serialNumber (2.5.4.5) is where Vietnamese CAs put the citizen ID (CCCD) or tax code.
        if (serialNumber is not null) builder.Add("2.5.4.5", serialNumber, UniversalTagNumber.PrintableString);
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    /// <summary>A self-signed CA certificate (a root).</summary>
    public static IssuedCertificate Root(X500DistinguishedName subject, DateTimeOffset notBefore, DateTimeOffset notAfter, int rsaBits = 3072)
    {
        var key = RSA.Create(rsaBits);
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.Create(subject, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            notBefore, notAfter, NewSerial());
        return new IssuedCertificate(certificate, key);
    }

    /// <summary>A certificate issued by <paramref name="issuer"/> with the given profile.</summary>
    public static IssuedCertificate Issue(
        IssuedCertificate issuer, X500DistinguishedName subject, AsymmetricAlgorithm key,
        DateTimeOffset notBefore, DateTimeOffset notAfter, CertificateProfile profile, byte[]? serial = null)
    {
        var request = Request(subject, key);
        var extensions = request.CertificateExtensions;
        extensions.Add(profile.IsCa
            ? new X509BasicConstraintsExtension(true, profile.PathLength is not null, profile.PathLength ?? 0, true)
            : new X509BasicConstraintsExtension(false, false, 0, true));
        extensions.Add(new X509KeyUsageExtension(profile.KeyUsage, true));
        if (profile.ExtendedKeyUsages.Count > 0)
        {
            var oids = new OidCollection();
            foreach (var oid in profile.ExtendedKeyUsages) oids.Add(new Oid(oid));
            extensions.Add(new X509EnhancedKeyUsageExtension(oids, profile.ExtendedKeyUsageCritical));
        }
        extensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        extensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        if (profile.CrlUrl is not null)
            extensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([profile.CrlUrl]));
        if (profile.OcspUrl is not null || profile.CaIssuersUrl is not null)
        {
            extensions.Add(new X509AuthorityInformationAccessExtension(
                profile.OcspUrl is null ? null : [profile.OcspUrl],
                profile.CaIssuersUrl is null ? null : [profile.CaIssuersUrl]));
        }
        if (profile.OcspNoCheck) extensions.Add(new X509Extension(OcspNoCheck, [0x05, 0x00], false));

        using var issuerWithKey = issuer.WithKey();
        var generator = issuer.Key is ECDsa ec
            ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA((RSA)issuer.Key, RSASignaturePadding.Pkcs1);
        var certificate = request.Create(issuerWithKey.SubjectName, generator, notBefore, notAfter, serial ?? NewSerial());
        return new IssuedCertificate(certificate, key);
    }

    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10); // positive, and never shortened by a leading zero
        return serial;
    }

    private static CertificateRequest Request(X500DistinguishedName subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        _ => throw new NotSupportedException(key.GetType().Name),
    };
}

/// <summary>What a certificate may do and where its revocation data lives.</summary>
public sealed record CertificateProfile(X509KeyUsageFlags KeyUsage)
{
    public bool IsCa { get; init; }
    public int? PathLength { get; init; }
    public IReadOnlyList<string> ExtendedKeyUsages { get; init; } = [];
    public bool ExtendedKeyUsageCritical { get; init; }
    public string? CrlUrl { get; init; }
    public string? OcspUrl { get; init; }
    public string? CaIssuersUrl { get; init; }
    public bool OcspNoCheck { get; init; }
}
