using System.Net;
using System.Net.Sockets;
using IntegrationHub.Signatures.Timestamps;

namespace IntegrationHub.Signatures.Tests.Timestamps;

/// <summary>Serves a TimestampResponder over real HTTP on 127.0.0.1 (HttpListener), as a TSA URL for B-T signing.</summary>
public sealed class LoopbackTsa : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public Uri Url { get; }
    public int Requests;
    public Func<byte[], byte[]> Handler { get; set; }

    public LoopbackTsa(TimestampResponder responder)
    {
        Handler = responder.Handle;
        (_listener, Url) = LoopbackPorts.Listen("/tsa/");
        _loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref Requests);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var reply = Handler(body.ToArray());
            context.Response.ContentType = TimestampClient.ReplyMediaType;
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone: Stop then Close unregisters the prefix twice, and on Linux the second removal re-binds
        // the port ("Address already in use" when another test has taken it meanwhile).
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
