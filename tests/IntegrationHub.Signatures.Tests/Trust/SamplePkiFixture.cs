using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Trust;

/// <summary>
/// One sample PKI for the trust and revocation tests, its URLs pointing at a free loopback port where
/// <see cref="LoopbackPkiServer"/> can serve its CRLs and relay OCSP. Generated at the real current time
/// (rounded) because `openssl ocsp` signs with the real clock; every test then runs on a FakeTimeProvider.
/// </summary>
public sealed class SamplePkiFixture : IDisposable
{
    public SamplePkiFixture()
    {
        Port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/pki/");
        // The only use of the real clock: the external openssl responder lives on it.
        Now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        Pki = SamplePki.Create(BaseUrl, new FakeTimeProvider(Now));
        Directory = Path.Combine(Path.GetTempPath(), "hub-pki-" + Guid.NewGuid().ToString("N"));
        Pki.WriteTo(Directory);
    }

    public int Port { get; }
    public Uri BaseUrl { get; }
    public DateTimeOffset Now { get; }
    public SamplePki Pki { get; }
    public string Directory { get; }

    public X509Certificate2 Cert(string name) => Pki[name].Certificate;
    public X509Certificate2 Root => Pki.Root.Certificate;
    public X509Certificate2 IssuingCa => Pki.IssuingCa.Certificate;

    public TrustStore Trust => new([Root]);

    public FakeTimeProvider Clock() => new(Now);

    /// <summary>A validator with the issuing CA as an untrusted intermediate and the given revocation options.</summary>
    public CertificatePathValidator Validator(RevocationOptions? revocation = null, TimeProvider? time = null,
        HttpClient? http = null, ICertificateAlgorithmPolicy? policy = null) =>
        new(Trust, revocation ?? new RevocationOptions(), time ?? Clock(), http, [IssuingCa], policy);

    /// <summary>Both CRLs as files would give them.</summary>
    public RevocationOptions WithCrls() => new() { Crls = [Pki.RootCrl, Pki.IssuingCrl] };

    public PathValidationRequest At(DateTimeOffset at, bool proof = true) => new(at, [], [], []) { AtIsProofOfExistence = proof };

    public PathValidationRequest AtNow => At(Now);

    public static int FreePort() => LoopbackPorts.Free();

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SamplePkiCollection : ICollectionFixture<SamplePkiFixture>
{
    public const string Name = "sample PKI";
}
