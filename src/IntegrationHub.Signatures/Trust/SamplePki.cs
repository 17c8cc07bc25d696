using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// The sample PKI of `hub certs init DIR` and certs-sample/: FOR TESTING ONLY. A root CA, an issuing CA, an OCSP
/// responder, a TSA, citizens (RSA and ECDSA P-256), an agency seal, one revoked and one expired certificate,
/// the CAs' CRLs and an openssl `index.txt`, so that `openssl ocsp` can answer for the issuing CA.
/// </summary>
public sealed class SamplePki
{
    public const string Password = "changeit";
    public static readonly Uri DefaultBaseUrl = new("http://127.0.0.1:5080/pki/");

    /// <summary>The expired certificate's end: before 2026, whatever today is.</summary>
    public static readonly DateTimeOffset ExpiredNotAfter = new(2025, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public required IssuedCertificate Root { get; init; }
    public required IssuedCertificate IssuingCa { get; init; }
    public required IReadOnlyDictionary<string, IssuedCertificate> EndEntities { get; init; }
    public required byte[] RootCrl { get; init; }
    public required byte[] IssuingCrl { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
    public required Uri BaseUrl { get; init; }

    public IssuedCertificate this[string name] => EndEntities[name];

    /// <summary>End entities by file name; each also gets a PKCS#12 file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["citizen"] = "citizen Trần Tấn Phú, RSA-2048, digitalSignature + nonRepudiation, serialNumber CCCD:054090001234",
        ["citizen-ecdsa"] = "the same citizen with an ECDSA P-256 key",
        ["agency-seal"] = "an agency's seal (Sở Kế hoạch và Đầu tư tỉnh Đắk Lắk), RSA-2048",
        ["ocsp-responder"] = "OCSP responder delegated by the issuing CA (id-kp-OCSPSigning, ocsp-nocheck)",
        ["tsa"] = "time-stamping authority (id-kp-timeStamping, critical)",
        ["revoked"] = "a citizen certificate revoked (keyCompromise) on the issuing CA's CRL",
        ["expired"] = "a citizen certificate that expired on 2025-12-31",
    };

    public static SamplePki Create(Uri baseUrl, TimeProvider time)
    {
        var now = Truncate(time.GetUtcNow());
        var caStart = new DateTimeOffset(Math.Min(now.Year - 6, 2020), 1, 1, 0, 0, 0, TimeSpan.Zero);
        var caEnd = caStart.AddYears(30);
        string Url(string file) => new Uri(baseUrl, file).AbsoluteUri;

        var root = F.Root(F.Name("IntegrationHub Sample Root CA (TEST ONLY)", "IntegrationHub Test PKI"), caStart, caEnd);
        var issuing = F.Issue(root, F.Name("IntegrationHub Sample Issuing CA (TEST ONLY)", "IntegrationHub Test PKI"),
            RSA.Create(2048), caStart, caEnd.AddDays(-1),
            new CertificateProfile(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)
            { IsCa = true, PathLength = 0, CrlUrl = Url("root-ca.crl"), CaIssuersUrl = Url("root-ca.crt") });

        var eeStart = now.AddDays(-1);
        var eeEnd = now.AddYears(10);
        var signing = new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)
        { CrlUrl = Url("issuing-ca.crl"), OcspUrl = Url("ocsp"), CaIssuersUrl = Url("issuing-ca.crt") };
        IssuedCertificate Ee(X500DistinguishedName name, CertificateProfile profile, AsymmetricAlgorithm? key = null,
            DateTimeOffset? start = null, DateTimeOffset? end = null) =>
            F.Issue(issuing, name, key ?? RSA.Create(2048), start ?? eeStart, end ?? eeEnd, profile);

        const string province = "Đắk Lắk";
        var entities = new Dictionary<string, IssuedCertificate>
        {
            ["citizen"] = Ee(F.Name("Trần Tấn Phú", serialNumber: "CCCD:054090001234", province: province), signing),
            ["citizen-ecdsa"] = Ee(F.Name("Trần Tấn Phú", serialNumber: "CCCD:054090001234", province: province,
                organizationalUnit: "ECDSA"), signing, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            ["agency-seal"] = Ee(F.Name("Sở Kế hoạch và Đầu tư tỉnh Đắk Lắk", "UBND tỉnh Đắk Lắk",
                serialNumber: "MST:6000000000", province: province), signing),
            ["ocsp-responder"] = Ee(F.Name("IntegrationHub Sample OCSP Responder (TEST ONLY)", "IntegrationHub Test PKI"),
                new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
                { ExtendedKeyUsages = [F.OcspSigning], OcspNoCheck = true, CaIssuersUrl = Url("issuing-ca.crt") }),
            ["tsa"] = Ee(F.Name("IntegrationHub Sample TSA (TEST ONLY)", "IntegrationHub Test PKI"),
                new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
                { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true,
                  CrlUrl = Url("issuing-ca.crl"), CaIssuersUrl = Url("issuing-ca.crt") }),
            ["revoked"] = Ee(F.Name("Nguyễn Văn Thu Hồi (revoked)", serialNumber: "CCCD:079090005678", province: province), signing),
            ["expired"] = Ee(F.Name("Lê Thị Hết Hạn (expired)", serialNumber: "CCCD:001090009999", province: province), signing,
                start: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), end: ExpiredNotAfter),
        };

        var revokedAt = eeStart.AddHours(1);
        var crlThisUpdate = now.AddHours(-1);
        var crlNextUpdate = now.AddDays(365);
        var issuingCrl = new CertificateRevocationListBuilder();
        issuingCrl.AddEntry(entities["revoked"].Certificate, revokedAt, X509RevocationReason.KeyCompromise);
        return new SamplePki
        {
            Root = root,
            IssuingCa = issuing,
            EndEntities = entities,
            RootCrl = BuildCrl(new CertificateRevocationListBuilder(), root, crlThisUpdate, crlNextUpdate),
            IssuingCrl = BuildCrl(issuingCrl, issuing, crlThisUpdate, crlNextUpdate),
            RevokedAt = revokedAt,
            BaseUrl = baseUrl,
        };
    }

    /// <summary>Writes the PKI's files into <paramref name="directory"/> (see README.md written beside them).</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Write(string name, byte[] bytes) { File.WriteAllBytes(Path.Combine(directory, name), bytes); written.Add(name); }
        void WriteText(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

        foreach (var (name, issued) in new[] { ("root-ca", Root), ("issuing-ca", IssuingCa) }.Concat(EndEntities.Select(e => (e.Key, e.Value))))
        {
            WriteText($"{name}.crt", issued.Certificate.ExportCertificatePem() + "\n");
            WriteText($"{name}.key", issued.Key.ExportPkcs8PrivateKeyPem() + "\n");
            if (EndEntities.ContainsKey(name)) Write($"{name}.p12", Pkcs12(issued));
        }
        Write("root-ca.crl", RootCrl);
        Write("issuing-ca.crl", IssuingCrl);
        WriteText("chain.pem", IssuingCa.Certificate.ExportCertificatePem() + "\n" + Root.Certificate.ExportCertificatePem() + "\n");
        WriteText("index.txt", OpensslIndex());
        WriteText("README.md", SamplePkiReadme.Text(this));
        written.Add("README.md");
        return written;
    }

    /// <summary>An openssl CA database for the issuing CA, for `openssl ocsp -index index.txt`.</summary>
    public string OpensslIndex()
    {
        var lines = new StringBuilder();
        foreach (var (name, issued) in EndEntities.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var c = issued.Certificate;
            var status = name == "revoked" ? "R" : name == "expired" ? "E" : "V";
            var revocation = name == "revoked" ? $"{OpensslTime(RevokedAt)},keyCompromise" : "";
            lines.Append($"{status}\t{OpensslTime(c.NotAfter)}\t{revocation}\t{c.SerialNumber}\tunknown\t/CN={name}\n");
        }
        return lines.ToString();
    }

    private byte[] Pkcs12(IssuedCertificate issued)
    {
        using var withKey = issued.WithKey();
        var collection = new X509Certificate2Collection { withKey, IssuingCa.Certificate, Root.Certificate };
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password);
    }

    private static byte[] BuildCrl(CertificateRevocationListBuilder builder, IssuedCertificate issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using var withKey = issuer.WithKey();
        return builder.Build(withKey, BigInteger.One, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    private static string OpensslTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "Z";

    private static string OpensslTime(DateTime at) => OpensslTime(new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero));

    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
}
