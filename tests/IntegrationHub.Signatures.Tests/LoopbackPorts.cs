using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Signatures.Tests;

/// <summary>Ports for servers the tests start themselves (a hub process, a TSA, a CA's web site); compiled into the host tests too.</summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port free now and never handed out before in this process. The kernel may give a just-released
    /// port to the next bind(0), so two tests asking at once could otherwise both get it, and the second server fails.
    /// </summary>
    public static int Free()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port)) return port;
            }
        }
    }

    /// <summary>
    /// An HttpListener started on a free loopback port under <paramref name="path"/> (e.g. "/tsa/"). Another test
    /// process (the test projects run at once) can take the port between <see cref="Free"/> and the bind, so a port
    /// found taken is replaced by another, a few times, before giving up.
    /// </summary>
    public static (HttpListener Listener, Uri Url) Listen(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{Free()}{path}");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.AbsoluteUri);
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }
}
