using System.Net;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>What the scripted server answers: a status, a body, and whether to announce its length or send it chunked.</summary>
internal sealed record ScriptedAnswer(int Status, byte[] Body, bool Chunked = false, TimeSpan Delay = default);

/// <summary>
/// An HTTP server on 127.0.0.1 that answers every request with what a script decides (from the path and the body),
/// for the edges of the revocation clients: status codes, announced and unannounced lengths, slow answers, OCSP
/// responses made for the request's nonce.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<string, byte[], ScriptedAnswer> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public ScriptedHttpServer(Func<string, byte[], ScriptedAnswer> script)
    {
        _script = script;
        (_listener, Url) = LoopbackPorts.Listen("/pki/");
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public int Requests => _requests;

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
        Interlocked.Increment(ref _requests);
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var answer = _script(context.Request.Url!.AbsolutePath["/pki/".Length..], body.ToArray());
            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, _stop.Token);
            context.Response.StatusCode = answer.Status;
            if (answer.Chunked) context.Response.SendChunked = true;
            else context.Response.ContentLength64 = answer.Body.Length;
            await context.Response.OutputStream.WriteAsync(answer.Body);
        }
        catch (Exception e) when (e is HttpListenerException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            try { context.Response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
