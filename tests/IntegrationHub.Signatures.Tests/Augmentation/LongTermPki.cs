using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Revocation;
using IntegrationHub.Signatures.Tests.Timestamps;
using IntegrationHub.Signatures.Tests.Trust;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Signatures.Tests.Augmentation;

/// <summary>
/// A PKI with short, controlled lives for long-term signature tests: a long-lived root (the anchor), an issuing CA that
/// lives two days, and a signer, a revoked signer, a TSA and a delegated OCSP responder that live one day. Made at the
/// real time (truncated to the second) because `openssl ocsp` signs with the real clock; <see cref="Late"/> is a time after
/// every certificate but the root expired. The issuing CA's status comes from the root's CRL at its distribution point, the
/// end entities' from OCSP (AIA), both on one loopback port (<see cref="Serve"/>).
/// </summary>
public sealed class LongTermPki : IDisposable
{
    public LongTermPki()
    {
        Port = SamplePkiFixture.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/pki/");
        Now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        string Url(string file) => new Uri(BaseUrl, file).AbsoluteUri;

        Root = F.Root(F.Name("Long-term Test Root CA (TEST ONLY)", "IntegrationHub Test PKI"), Now.AddDays(-30), Now.AddYears(20), 2048);
        IssuingCa = F.Issue(Root, F.Name("Long-term Test Issuing CA (TEST ONLY)", "IntegrationHub Test PKI"), RSA.Create(2048),
            Now.AddDays(-1), Now.AddDays(2),
            new CertificateProfile(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign) { IsCa = true, PathLength = 0, CrlUrl = Url("root-ca.crl") });
        var signing = new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)
        { OcspUrl = Url("ocsp"), CrlUrl = Url("issuing-ca.crl") };
        IssuedCertificate Ee(string name, CertificateProfile profile) =>
            F.Issue(IssuingCa, F.Name(name, serialNumber: "CCCD:054090001234"), RSA.Create(2048), Now.AddHours(-1), Now.AddDays(1), profile);
        Signer = Ee("Trần Tấn Phú", signing);
        Revoked = Ee("Nguyễn Văn Thu Hồi (revoked)", signing);
        Tsa = Ee("Long-term Test TSA (TEST ONLY)", new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
        { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true, OcspUrl = Url("ocsp"), CrlUrl = Url("issuing-ca.crl") });
        OcspResponder = Ee("Long-term Test OCSP Responder (TEST ONLY)", new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
        { ExtendedKeyUsages = [F.OcspSigning], OcspNoCheck = true });
        RevokedAt = Now.AddMinutes(-30);

        RootCrl = Crl(new CertificateRevocationListBuilder(), Root, Now.AddHours(-1), Now.AddDays(7));
        var issuing = new CertificateRevocationListBuilder();
        issuing.AddEntry(Revoked.Certificate, RevokedAt, X509RevocationReason.KeyCompromise);
        IssuingCrl = Crl(issuing, IssuingCa, Now.AddHours(-1), Now.AddDays(7));

        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hub-ltpki-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path("root-ca.pem"), Root.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path("issuing-ca.crt"), IssuingCa.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path("ocsp-responder.crt"), OcspResponder.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path("ocsp-responder.key"), OcspResponder.Key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path("tsa.pem"), Tsa.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path("chain.pem"), IssuingCa.Certificate.ExportCertificatePem() + "\n" + Root.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllBytes(Path("issuing-ca.crl"), IssuingCrl);
        var index = new StringBuilder();
        foreach (var (issued, name, revoked) in new[] { (Signer, "signer", false), (Revoked, "revoked", true), (Tsa, "tsa", false), (OcspResponder, "ocsp", false) })
            index.Append($"{(revoked ? "R" : "V")}\t{OpensslTime(issued.Certificate.NotAfter)}\t{(revoked ? OpensslTime(RevokedAt.UtcDateTime) + ",keyCompromise" : "")}\t{issued.Certificate.SerialNumber}\tunknown\t/CN={name}\n");
        File.WriteAllText(Path("index.txt"), index.ToString());
    }

    public int Port { get; }
    public Uri BaseUrl { get; }
    public DateTimeOffset Now { get; }
    /// <summary>Three days on: the signer, TSA, OCSP responder and issuing CA have all expired.</summary>
    public DateTimeOffset Late => Now.AddDays(3);
    public IssuedCertificate Root { get; }
    public IssuedCertificate IssuingCa { get; }
    public IssuedCertificate Signer { get; }
    public IssuedCertificate Revoked { get; }
    public IssuedCertificate Tsa { get; }
    public IssuedCertificate OcspResponder { get; }
    public DateTimeOffset RevokedAt { get; }
    public byte[] RootCrl { get; }
    public byte[] IssuingCrl { get; }
    public string Directory { get; }
    public TrustStore Trust => new([Root.Certificate]);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>The CA web site (root CRL; the issuing CA's CRL only when asked) and, unless <paramref name="ocsp"/> is false, `openssl ocsp`.</summary>
    public Servers Serve(bool ocsp = true, bool issuingCrl = false)
    {
        var responder = ocsp ? new OpensslOcspResponder(Directory, SamplePkiFixture.FreePort()) : null;
        var files = new Dictionary<string, byte[]> { ["root-ca.crl"] = RootCrl };
        if (issuingCrl) files["issuing-ca.crl"] = IssuingCrl;
        var tsa = new LoopbackTsa(new TimestampResponder(Tsa.WithKey(), TimeProvider.System));
        return new Servers(new LoopbackPkiServer(Port, files, responder?.Url), responder, tsa);
    }

    /// <summary>A detached CAdES-B-T (or B-B) by <paramref name="signer"/> over <paramref name="content"/>, with the issuing CA carried.</summary>
    public async Task<byte[]> SignAsync(byte[] content, IssuedCertificate? signer = null, ITimestampClient? tsa = null)
    {
        using var key = (signer ?? Signer).WithKey();
        var parameters = new SigningParameters(Now, HashAlgorithmName.SHA256, [IssuingCa.Certificate], WithTimestamp: tsa is not null);
        return await LocalSigner.SignAsync(new CadesSigner(attached: false), content, key, parameters, tsa);
    }

    private static byte[] Crl(CertificateRevocationListBuilder builder, IssuedCertificate issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using var withKey = issuer.WithKey();
        return builder.Build(withKey, BigInteger.One, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    private static string OpensslTime(DateTime at) =>
        at.ToUniversalTime().ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "Z";

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}

/// <summary>The loopback servers of one test: CA web site, OCSP responder (optional), TSA.</summary>
public sealed class Servers(LoopbackPkiServer site, OpensslOcspResponder? ocsp, LoopbackTsa tsa) : IAsyncDisposable
{
    public LoopbackPkiServer Site { get; } = site;
    public LoopbackTsa Tsa { get; } = tsa;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
    public TimestampClient TsaClient => new(Http, Tsa.Url);

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        ocsp?.Dispose();
        Tsa.Dispose();
        Http.Dispose();
    }
}
