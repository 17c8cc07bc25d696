using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Tests;

/// <summary>
/// POST /api/v1/signatures/augment over HTTP: a hub whose engine trusts a throwaway root, fetches CRLs from their
/// distribution points and asks a TSA, both served on 127.0.0.1 and living on the hub's (fake) clock.
/// </summary>
public sealed class AugmentApiTests : IClassFixture<AugmentApiTests.LongTermHub>
{
    public sealed class LongTermHub : IAsyncLifetime
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, byte[]> _crls = [];
        private TimestampResponder? _tsa;

        public TestHub Hub { get; } = new();
        public IssuedCertificate Signer { get; private set; } = null!;
        public IssuedCertificate IssuingCa { get; private set; } = null!;
        /// <summary>The loopback TSA, for signing a PAdES B-T (the PDF augmenter does not add signature timestamps).</summary>
        public Uri TsaUrl { get; private set; } = null!;

        public Task InitializeAsync()
        {
            var port = IntegrationHub.Signatures.Tests.LoopbackPorts.Free();
            var baseUrl = $"http://127.0.0.1:{port}/pki/";
            var now = Hub.Time.GetUtcNow();
            var root = F.Root(F.Name("Augment API Test Root (TEST ONLY)"), now.AddDays(-10), now.AddYears(5), 2048);
            IssuingCa = F.Issue(root, F.Name("Augment API Test Issuing CA (TEST ONLY)"), RSA.Create(2048), now.AddDays(-5), now.AddYears(2),
                new CertificateProfile(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign) { IsCa = true, CrlUrl = baseUrl + "root.crl" });
            Signer = F.Issue(IssuingCa, F.Name("Trần Tấn Phú", serialNumber: "CCCD:054090001234"), RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
                new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation) { CrlUrl = baseUrl + "issuing.crl" });
            var tsa = F.Issue(IssuingCa, F.Name("Augment API Test TSA (TEST ONLY)"), RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
                new CertificateProfile(X509KeyUsageFlags.DigitalSignature)
                { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true, CrlUrl = baseUrl + "issuing.crl" });
            _crls["root.crl"] = Crl(root, now);
            _crls["issuing.crl"] = Crl(IssuingCa, now);
            _tsa = new TimestampResponder(tsa.WithKey(), Hub.Time);
            TsaUrl = new Uri(baseUrl + "tsa");
            _listener.Prefixes.Add(baseUrl);
            _listener.Start();
            _ = Task.Run(ServeAsync);

            var rootPem = Path.Combine(Hub.DataDir, "augment-root.pem");
            File.WriteAllText(rootPem, root.Certificate.ExportCertificatePem());
            Hub.ExtraSettings.AddRange([$"--Signatures:TrustAnchors:0={rootPem}", $"--Signatures:TsaUrl={baseUrl}tsa"]);
            return Hub.InitializeAsync();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var name = context.Request.Url!.AbsolutePath["/pki/".Length..];
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var answer = name == "tsa" ? _tsa!.Handle(body.ToArray()) : _crls.GetValueOrDefault(name);
                context.Response.StatusCode = answer is null ? 404 : 200;
                if (answer is not null) await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }

        private static byte[] Crl(IssuedCertificate issuer, DateTimeOffset now)
        {
            using var key = issuer.WithKey();
            return new CertificateRevocationListBuilder().Build(key, BigInteger.One, now.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddHours(-1));
        }


        public async Task DisposeAsync()
        {
            _listener.Close();
            await Hub.DisposeAsync();
        }
    }

    private static readonly byte[] Content = "Giấy phép xây dựng số 12/GPXD"u8.ToArray();
    private readonly LongTermHub fixture;

    public AugmentApiTests(LongTermHub fixture) => this.fixture = fixture;

    private async Task<byte[]> SignBB()
    {
        using var key = fixture.Signer.WithKey();
        var parameters = new SigningParameters(fixture.Hub.Time.GetUtcNow(), HashAlgorithmName.SHA256, [fixture.IssuingCa.Certificate]);
        return await LocalSigner.SignAsync(new CadesSigner(attached: false), Content, key, parameters);
    }

    private static JsonObject Body(byte[] signature, string? to) => new()
    {
        ["name"] = "giay-phep.txt", ["mediaType"] = "text/plain", ["content"] = Convert.ToBase64String(Content),
        ["detachedSignature"] = Convert.ToBase64String(signature), ["to"] = to,
    };

    [Fact]
    public async Task Agency_augments_a_B_B_detached_signature_to_B_LTA_with_CRLs_from_distribution_points()
    {
        var response = await fixture.Hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/augment", Body(await SignBB(), "lta"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = System.Text.Json.JsonDocument.Parse(body).RootElement;

        Assert.Equal("B-LTA", answer.GetProperty("level").GetString());
        Assert.Equal("giay-phep.p7s", answer.GetProperty("name").GetString());
        Assert.Equal("TOTAL_PASSED", answer.GetProperty("report").GetProperty("indication").GetString());
        var augmented = Convert.FromBase64String(answer.GetProperty("content").GetString()!);
        // The returned signature validates on its own through the validate route too.
        var report = await (await fixture.Hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/validate", new JsonObject
        {
            ["name"] = "giay-phep.txt", ["content"] = Convert.ToBase64String(Content), ["detachedSignature"] = Convert.ToBase64String(augmented),
        })).Json();
        Assert.Equal("B-LTA", report.GetProperty("signatures")[0].GetProperty("level").GetString());
    }

    [Fact]
    public async Task Portal_may_not_augment()
    {
        var response = await fixture.Hub.Client(TestHub.PortalKey).PostJson("/api/v1/signatures/augment", Body(await SignBB(), "lt"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_target_is_a_400_problem()
    {
        var problem = await (await fixture.Hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/augment", Body(await SignBB(), "ltv"))).AssertProblem(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Tampered_content_is_refused_with_a_422_problem_naming_the_reason()
    {
        var body = Body(await SignBB(), "lt");
        body["content"] = Convert.ToBase64String("Giấy phép xây dựng số 13/GPXD"u8.ToArray());

        var problem = await (await fixture.Hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/augment", body)).AssertProblem(422);

        Assert.Equal("NOT_VALID", problem.GetProperty("reason").GetString());
        Assert.Contains("HASH_FAILURE", problem.GetProperty("detail").GetString());
    }

    /// <summary>A one-page PDF (classic cross-reference table) signed PAdES by the test signer, B-T when <paramref name="timestamped"/>.</summary>
    private async Task<byte[]> SignPdf(bool timestamped)
    {
        var pdf = new System.Text.StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        foreach (var body in new[] { "<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>" })
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append("xref\n0 4\n0000000000 65535 f\r\n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n\r\n");
        pdf.Append($"trailer\n<</Size 4 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");

        using var key = fixture.Signer.WithKey();
        using var http = new HttpClient();
        var parameters = new SigningParameters(fixture.Hub.Time.GetUtcNow(), HashAlgorithmName.SHA256, [fixture.IssuingCa.Certificate], WithTimestamp: timestamped);
        return await LocalSigner.SignAsync(new IntegrationHub.Signatures.Pdf.PadesSigner(), System.Text.Encoding.ASCII.GetBytes(pdf.ToString()), key, parameters,
            timestamped ? new TimestampClient(http, fixture.TsaUrl) : null);
    }

    private static JsonObject PdfBody(byte[] pdf, string to) => new()
    {
        ["name"] = "giay-phep.pdf", ["mediaType"] = "application/pdf", ["content"] = Convert.ToBase64String(pdf), ["to"] = to,
    };

    [Fact]
    public async Task Agency_augments_a_PAdES_B_T_to_B_LTA_and_gets_the_PDF_back_extended()
    {
        var bt = await SignPdf(timestamped: true);

        var response = await fixture.Hub.Client(TestHub.AgencyKey).PostJson("/api/v1/signatures/augment", PdfBody(bt, "lta"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = System.Text.Json.JsonDocument.Parse(body).RootElement;

        Assert.Equal("B-LTA", answer.GetProperty("level").GetString());
        Assert.Equal("giay-phep.pdf", answer.GetProperty("name").GetString());
        Assert.Equal("application/pdf", answer.GetProperty("mediaType").GetString());
        Assert.Equal("PADES", answer.GetProperty("report").GetProperty("format").GetString());
        var augmented = Convert.FromBase64String(answer.GetProperty("content").GetString()!);
        Assert.True(augmented.AsSpan().StartsWith(bt)); // incremental updates only: the signed bytes are untouched
        var report = await (await fixture.Hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/validate", new JsonObject
        {
            ["name"] = "giay-phep.pdf", ["mediaType"] = "application/pdf", ["content"] = Convert.ToBase64String(augmented),
        })).Json();
        Assert.Equal("TOTAL_PASSED", report.GetProperty("indication").GetString());
        Assert.Equal("B-LTA", report.GetProperty("signatures")[0].GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_PAdES_B_B_is_made_B_T_by_a_document_timestamp_and_returned_B_LT()
    {
        var bb = await SignPdf(timestamped: false);

        var response = await fixture.Hub.Client(TestHub.AdminKey).PostJson("/api/v1/signatures/augment", PdfBody(bb, "lt"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = System.Text.Json.JsonDocument.Parse(body).RootElement;

        Assert.Equal("B-LT", answer.GetProperty("level").GetString());
        var signature = answer.GetProperty("report").GetProperty("signatures")[0];
        Assert.Equal("SIGNATURE_TIMESTAMP", signature.GetProperty("timestamps")[0].GetProperty("type").GetString());
        Assert.True(Convert.FromBase64String(answer.GetProperty("content").GetString()!).AsSpan().StartsWith(bb));
    }
}
