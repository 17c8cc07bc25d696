using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IntegrationHub.Connectors.Delivery;
using IntegrationHub.Core.Ports;
using IntegrationHub.LongTerm;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signing;
using IntegrationHub.Storage;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Tests.LongTerm;

/// <summary>
/// The real hub with the real augmentation engine: a throwaway PKI whose CRLs are served on 127.0.0.1 (issued on the
/// hub's fake clock at each request, so they stay fresh as tests move the clock), and a TSA on a port of its own that
/// a test stops and starts. The engine is wrapped so a test can make the process "die" after an augmentation.
/// </summary>
public sealed class EnginePkiHub : IAsyncLifetime
{
    private readonly HttpListener _pki = new();
    private HttpListener? _tsaListener;
    private readonly HashSet<string> _goneCrls = [];
    private readonly int _tsaPort = IntegrationHub.Signatures.Tests.LoopbackPorts.Free();
    private TimestampResponder _tsa = null!;
    private IssuedCertificate _root = null!;
    private int _signers;

    public TestHub Hub { get; } = new();
    public string PkiUrl { get; } = $"http://127.0.0.1:{IntegrationHub.Signatures.Tests.LoopbackPorts.Free()}/pki/";
    public string TsaUrl => $"http://127.0.0.1:{_tsaPort}/tsa";
    public string TsaAuthority => $"127.0.0.1:{_tsaPort}";
    public string RootPem { get; private set; } = null!;
    public IssuedCertificate IssuingCa { get; private set; } = null!;
    public IssuedCertificate Tsa { get; private set; } = null!;
    public CrashingAugmentation Engine => (CrashingAugmentation)Hub.Service<IDocumentAugmentation>();

    public Task InitializeAsync()
    {
        var now = Hub.Time.GetUtcNow();
        _root = F.Root(F.Name("Long-term Test Root (TEST ONLY)"), now.AddDays(-10), now.AddYears(5), 2048);
        IssuingCa = F.Issue(_root, F.Name("Long-term Test Issuing CA (TEST ONLY)"), RSA.Create(2048), now.AddDays(-5), now.AddYears(3),
            new CertificateProfile(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign) { IsCa = true, CrlUrl = PkiUrl + "root.crl" });
        NewTsa();
        _pki.Prefixes.Add(PkiUrl);
        _pki.Start();
        _ = Task.Run(ServePkiAsync);
        StartTsa();

        RootPem = Path.Combine(Hub.DataDir, "long-term-root.pem");
        File.WriteAllText(RootPem, _root.Certificate.ExportCertificatePem());
        Hub.ExtraSettings.AddRange([
            $"--Signatures:TrustAnchors:0={RootPem}", $"--Signatures:TsaUrl={TsaUrl}",
            "--LongTerm:Enabled=true", "--LongTerm:RenewalMargin=30.00:00:00",
            "--Delivery:MaxAttempts=6", "--Delivery:RetryDelays:0=00:01:00", "--Delivery:RetryDelays:1=00:05:00", "--Delivery:RetryDelays:2=00:30:00",
            "--LongTerm:Circuit:BreakerMinimumThroughput=3", "--LongTerm:Circuit:BreakerFailureRatio=0.5",
            "--LongTerm:Circuit:BreakerSamplingDuration=00:30:00", "--LongTerm:Circuit:BreakDuration=00:10:00",
        ]);
        Hub.ExtraServices = s => s.AddSingleton<IDocumentAugmentation>(sp =>
            new CrashingAugmentation(ActivatorUtilities.CreateInstance<EngineDocumentAugmentation>(sp)));
        return Hub.InitializeAsync();
    }

    /// <summary>
    /// A new signer certificate, its CRL at <paramref name="crlUrl"/> or at a URL of its own: the engine keeps answers
    /// and CRLs until their nextUpdate, so a test that wants the CRL fetched needs a signer no other test used.
    /// </summary>
    public IssuedCertificate NewSigner(string? crlUrl = null)
    {
        var now = Hub.Time.GetUtcNow();
        return F.Issue(IssuingCa, F.Name($"Trần Tấn Phú {Interlocked.Increment(ref _signers)}", serialNumber: "CCCD:054090001234"), RSA.Create(2048),
            now.AddDays(-1), now.AddYears(1),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation) { CrlUrl = crlUrl ?? NewCrlUrl() });
    }

    /// <summary>A URL on the CRL host not used before (every one serves the issuing CA's CRL).</summary>
    public string NewCrlUrl() => $"{PkiUrl}issuing-{Guid.NewGuid():N}.crl";

    /// <summary>The TSA gets a new certificate from now (a TSA rolls its key before the old one runs out).</summary>
    public void NewTsa()
    {
        var now = Hub.Time.GetUtcNow();
        // Issued by the root: its tokens carry only the TSA certificate, and the path must be found from that alone.
        Tsa = F.Issue(_root, F.Name($"Long-term Test TSA {now:yyyyMMdd} (TEST ONLY)"), RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
            { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true, CrlUrl = PkiUrl + "root.crl" });
        _tsa = new TimestampResponder(Tsa.WithKey(), Hub.Time);
    }

    /// <summary>The CRL host answers 404 for this URL (the CA lost its file) until <see cref="RestoreCrl"/>.</summary>
    public void LoseCrl(string url) { lock (_goneCrls) _goneCrls.Add(url); }
    public void RestoreCrl(string url) { lock (_goneCrls) _goneCrls.Remove(url); }

    /// <summary>The TSA's port is closed: connections are refused.</summary>
    public void StopTsa()
    {
        _tsaListener?.Close();
        _tsaListener = null;
    }

    public void StartTsaIfStopped()
    {
        if (_tsaListener is null) StartTsa();
    }

    public void StartTsa()
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{_tsaPort}/");
        listener.Start();
        _tsaListener = listener;
        _ = Task.Run(() => ServeAsync(listener, _ => true));
    }

    private Task ServePkiAsync() => ServeAsync(_pki, _ => false);

    private async Task ServeAsync(HttpListener listener, Func<string, bool> isTsa)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var url = context.Request.Url!.ToString();
            bool gone;
            lock (_goneCrls) gone = _goneCrls.Contains(url);
            var answer = isTsa(url) ? _tsa.Handle(body.ToArray())
                : gone ? null
                : url.EndsWith("/root.crl", StringComparison.Ordinal) ? Crl(_root)
                : url.EndsWith(".crl", StringComparison.Ordinal) ? Crl(IssuingCa) : null;
            context.Response.StatusCode = answer is null ? 404 : 200;
            if (answer is not null) await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    /// <summary>The issuing CA's CRL as the CRL host serves it now (for a CRL host of a test's own).</summary>
    public byte[] IssuingCrl() => Crl(IssuingCa);

    private byte[] Crl(IssuedCertificate issuer)
    {
        var now = Hub.Time.GetUtcNow();
        using var key = issuer.WithKey();
        return new CertificateRevocationListBuilder().Build(key, new BigInteger(now.ToUnixTimeSeconds()), now.AddDays(7), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1, now.AddHours(-1));
    }

    /// <summary>A detached CAdES signature of <paramref name="content"/>: B-T (signature timestamp from the TSA) or B-B.</summary>
    public async Task<byte[]> SignAsync(byte[] content, IssuedCertificate signer, bool withTimestamp)
    {
        using var key = signer.WithKey();
        var parameters = new SigningParameters(Hub.Time.GetUtcNow(), HashAlgorithmName.SHA256, [IssuingCa.Certificate], WithTimestamp: withTimestamp);
        using var http = new HttpClient();
        return await LocalSigner.SignAsync(new CadesSigner(attached: false), content, key, parameters,
            withTimestamp ? new HttpTimestampClient(http, new Uri(TsaUrl)) : null);
    }

    /// <summary>Submits a dossier with the signed document through the portal; returns its code and the intake report.</summary>
    public async Task<(string Code, JsonElement Report)> SubmitAsync(byte[] content, byte[] signature)
    {
        var code = Submissions.NextCode();
        var submission = Submissions.Valid(code);
        submission["documents"]![0]!["content"] = Convert.ToBase64String(content);
        submission["documents"]![0]!["detachedSignature"] = Convert.ToBase64String(signature);
        var response = await Hub.Client(TestHub.PortalKey).Submit(submission);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (code, JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("report"));
    }

    public HubStore Store => Hub.Service<HubStore>();

    public async Task<Delivery> TaskOf(string code, int generation = 0) =>
        Assert.Single((await Store.ListDeliveriesAsync(new DeliveryQuery(VerticalSystem: LongTermTarget.Name, DossierCode: code))).Items,
            d => d.MessageId == $"{code}:lt-0-{generation}");

    public Task Run(params long[] ids) => Hub.Service<LongTermJob>().RunBatchAsync(ids, CancellationToken.None);

    public async Task<JsonElement> LongTermOf(string code) =>
        (await (await Hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("documents")[0].GetProperty("longTerm");

    /// <summary>The stored augmented signature of generation <paramref name="generation"/> of document 0.</summary>
    public async Task<(DocumentLevel Level, byte[] Bytes)> StoredAsync(string code, int generation)
    {
        var level = Assert.Single(await Store.GetDocumentLevelsAsync(code), l => l.Generation == generation);
        return (level, (await Store.GetDocumentContentAsync(level.Sha256))!);
    }

    /// <summary>The hub's own validation of stored bytes (the engine a later verifier would run).</summary>
    public IntegrationHub.Signatures.Validation.ValidationReport Validate(byte[] content, byte[] signature) =>
        Hub.Service<EngineValidation>().Validate("stored.txt", content, signature);

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort() => IntegrationHub.Signatures.Tests.LoopbackPorts.Free();


    public async Task DisposeAsync()
    {
        StopTsa();
        _pki.Close();
        await Hub.DisposeAsync();
    }
}

/// <summary>The engine, counted, and able to throw after it answered (a process that dies before the store).</summary>
public sealed class CrashingAugmentation(IDocumentAugmentation engine) : IDocumentAugmentation
{
    private int _calls;
    public int Calls => _calls;
    public volatile bool CrashAfterAugment;

    public async Task<AugmentationOutcome> AugmentAsync(string documentName, byte[] document, byte[]? detachedContent, string targetLevel, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        var outcome = await engine.AugmentAsync(documentName, document, detachedContent, targetLevel, ct);
        if (CrashAfterAugment && outcome is AugmentationOutcome.Augmented) throw new InvalidOperationException("process killed after augmenting");
        return outcome;
    }
}
