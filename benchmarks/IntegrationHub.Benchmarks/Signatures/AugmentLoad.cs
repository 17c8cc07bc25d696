using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks.Signatures;

/// <summary>
/// Augmentations per second (`augment-load --format cades|pades|xades --documents N --parallel P --to lt|lta --input bb|bt`):
/// the sample PKI, `openssl ocsp` for the issuing CA and a Kestrel site on 127.0.0.1 serving its CRLs, relaying OCSP and
/// running the hub's TSA. Each document is distinct (4 KiB of random content: CAdES detached over it, a one-page PDF
/// carrying it, an XML element holding it in base64) and signed by one of the sample signers; augmenting it asks the TSA
/// for the signature timestamp (bb inputs) and the archive timestamp (lta), gathers the validation data (OCSP answers
/// are kept per certificate until their nextUpdate, as a gateway does) and validates the result offline.
/// </summary>
public static class AugmentLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var documents = int.Parse(Arg(args, "--documents", "2000"));
        var parallel = int.Parse(Arg(args, "--parallel", "8"));
        var target = Arg(args, "--to", "lt") == "lta" ? AugmentationTarget.Lta : AugmentationTarget.Lt;
        // bb: the signature timestamp is part of the work measured; bt: the inputs are timestamped while they are made.
        var input = Arg(args, "--input", "bb");
        var format = Arg(args, "--format", "cades");
        if (format is not ("cades" or "pades" or "xades")) { Console.Error.WriteLine("--format takes cades, pades or xades"); return 64; }

        var sitePort = FreePort();
        var ocspPort = FreePort();
        var pki = SamplePki.Create(new Uri($"http://127.0.0.1:{sitePort}/pki/"), TimeProvider.System);
        var dir = Directory.CreateTempSubdirectory("hub-augment-load-").FullName;
        pki.WriteTo(dir);
        using var ocsp = Process.Start(new ProcessStartInfo("openssl",
            ["ocsp", "-index", "index.txt", "-port", ocspPort.ToString(), "-CA", "issuing-ca.crt", "-rsigner", "ocsp-responder.crt",
             "-rkey", "ocsp-responder.key", "-nmin", "10", "-ignore_err"])
        { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true })!;
        await Task.Delay(500);

        var tsa = new TimestampResponder(pki["tsa"].WithKey(), TimeProvider.System);
        await using var site = await StartSite(sitePort, ocspPort, pki, tsa);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        var tsaClient = new TimestampClient(http, new Uri($"http://127.0.0.1:{sitePort}/tsa"));

        var signers = new[] { pki["citizen"].WithKey(), pki["agency-seal"].WithKey() };
        var chain = new[] { pki.IssuingCa.Certificate };
        Console.WriteLine($"signing {documents} {format} {input} documents...");
        var inputs = new (byte[] Signature, byte[]? Content)[documents];
        await Parallel.ForEachAsync(Enumerable.Range(0, documents), async (i, ct) =>
        {
            var content = RandomNumberGenerator.GetBytes(4096);
            var parameters = new SigningParameters(DateTimeOffset.UtcNow, HashAlgorithmName.SHA256, chain, WithTimestamp: input == "bt");
            var (signer, document, detached) = Document(format, content);
            inputs[i] = (await LocalSigner.SignAsync(signer, document, signers[i % signers.Length], parameters, tsaClient, ct), detached);
        });
        Console.WriteLine($"input sizes: {inputs.Average(x => x.Signature.Length):F0} bytes on average");

        var trust = new TrustStore([pki.Root.Certificate]);
        var validation = new ValidationOptions(new CertificatePathValidator(trust, new RevocationOptions(), TimeProvider.System));
        var options = new AugmentationOptions(validation, trust, ValidationDataSources.Online(http, TimeProvider.System)) { Timestamps = tsaClient };
        var augmenter = new SignatureAugmenter(TimeProvider.System);

        var tsaBefore = site.TsaRequests;
        var warmup = Math.Min(200, documents / 4);
        await RunAll(augmenter, options, target, inputs[..warmup], parallel);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (done, refused) = await RunAll(augmenter, options, target, inputs[warmup..], parallel);
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{format} {input} -> {target}: {done} augmented, {refused} refused in {clock.Elapsed.TotalSeconds:F2} s: " +
                          $"{done / clock.Elapsed.TotalSeconds:F0} documents/s at {parallel} in parallel " +
                          $"(process CPU {cpuUsed.TotalSeconds:F1} s, {cpuUsed.TotalMilliseconds / Math.Max(done, 1):F2} ms per document; " +
                          $"OCSP requests {site.OcspRequests}, TSA requests while augmenting {site.TsaRequests - tsaBefore})");

        ocsp.Kill();
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return refused == 0 ? 0 : 1;
    }

    /// <summary>The signer, the document it signs, and the content the augmenter needs beside the signature (CAdES detached only).</summary>
    private static (IDocumentSigner Signer, byte[] Document, byte[]? Detached) Document(string format, byte[] content) => format switch
    {
        "pades" => (new IntegrationHub.Signatures.Pdf.PadesSigner(), Pdf.LargeSignedPdf.Unsigned(content), null),
        "xades" => (new IntegrationHub.Signatures.Xml.XadesSigner(), System.Text.Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hoSo xmlns=\"urn:integrationhub:bench\" Id=\"doc\"><noiDung>{Convert.ToBase64String(content)}</noiDung></hoSo>\n"), null),
        _ => (new CadesSigner(false), content, content),
    };

    private static async Task<(int Done, int Refused)> RunAll(SignatureAugmenter augmenter, AugmentationOptions options, AugmentationTarget target,
        (byte[] Signature, byte[]? Content)[] inputs, int parallel)
    {
        var done = 0;
        var refused = 0;
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (input, ct) =>
        {
            try
            {
                await augmenter.AugmentAsync(input.Signature, input.Content, target, options, ct);
                Interlocked.Increment(ref done);
            }
            catch (AugmentationRefusedException e)
            {
                if (Interlocked.Increment(ref refused) <= 3) Console.Error.WriteLine($"refused: {e.Reason}: {e.Message}");
            }
        });
        return (done, refused);
    }

    private sealed class Site(WebApplication app) : IAsyncDisposable
    {
        public int OcspRequests;
        public int TsaRequests;
        public WebApplication App { get; } = app;
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The CA's web site and the TSA: CRLs by name, OCSP relayed to openssl, RFC 3161 at /tsa.</summary>
    private static async Task<Site> StartSite(int port, int ocspPort, SamplePki pki, TimestampResponder tsa)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new Site(app);
        var relay = new HttpClient();
        var crls = new Dictionary<string, byte[]> { ["root-ca.crl"] = pki.RootCrl, ["issuing-ca.crl"] = pki.IssuingCrl };
        app.MapGet("/pki/{name}", (string name) => crls.TryGetValue(name, out var crl) ? Results.Bytes(crl, "application/pkix-crl") : Results.NotFound());
        app.MapPost("/pki/ocsp", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref site.OcspRequests);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var content = new ByteArrayContent(body.ToArray());
            content.Headers.ContentType = new("application/ocsp-request");
            using var answer = await relay.PostAsync($"http://127.0.0.1:{ocspPort}/", content);
            return Results.Bytes(await answer.Content.ReadAsByteArrayAsync(), "application/ocsp-response");
        });
        app.MapPost("/tsa", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref site.TsaRequests);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return Results.Bytes(tsa.Handle(body.ToArray()), TimestampClient.ReplyMediaType);
        });
        await app.StartAsync();
        return site;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
