using System.Collections.Concurrent;
using System.Net;

namespace IntegrationHub.Signatures.Tests.Revocation;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 standing in for a CA's web site: serves CRL files under /pki/, and relays
/// POST /pki/ocsp to an `openssl ocsp` responder. It counts requests per path, and can replay the first OCSP
/// answer it relayed (to test nonce checking).
/// </summary>
public sealed class LoopbackPkiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly Uri? _ocspUpstream;
    private readonly Task _loop;
    private readonly HttpClient _http = new();
    private byte[]? _firstOcspAnswer;

    public LoopbackPkiServer(int port, Dictionary<string, byte[]> files, Uri? ocspUpstream = null)
    {
        _files = files;
        _ocspUpstream = ocspUpstream;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/pki/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    /// <summary>When set, every OCSP request gets the first answer ever relayed (a replay).</summary>
    public bool ReplayOcsp { get; set; }

    public int HitsOn(string name) => Hits.GetValueOrDefault(name);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var name = context.Request.Url!.AbsolutePath["/pki/".Length..];
        Hits.AddOrUpdate(name, 1, (_, n) => n + 1);
        try
        {
            byte[]? body = null;
            if (name == "ocsp" && _ocspUpstream is not null && context.Request.HttpMethod == "POST")
                body = await RelayOcspAsync(context.Request);
            else if (_files.TryGetValue(name, out var file))
                body = file;

            context.Response.StatusCode = body is null ? 404 : 200;
            if (body is not null) await context.Response.OutputStream.WriteAsync(body);
        }
        finally { context.Response.Close(); }
    }

    private async Task<byte[]> RelayOcspAsync(HttpListenerRequest request)
    {
        if (ReplayOcsp && _firstOcspAnswer is not null) return _firstOcspAnswer;
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new("application/ocsp-request");
        using var response = await _http.PostAsync(_ocspUpstream, content);
        var answer = await response.Content.ReadAsByteArrayAsync();
        _firstOcspAnswer ??= answer;
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close unregisters the prefix twice, and on Linux the second removal re-binds
        // the port ("Address already in use" when another test has taken it meanwhile).
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _http.Dispose();
    }
}
