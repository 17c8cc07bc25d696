using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Trust;
using F = IntegrationHub.Signatures.Trust.SampleCertificateFactory;

namespace IntegrationHub.Tests.Sealing;

/// <summary>
/// A throwaway root, an agency seal (PKCS#12) and a TSA certificate it issued, in a folder. Valid from 30 days before the
/// real time: openssl checks against the real clock, the hub against its fake one (30 November 2026).
/// </summary>
public sealed class SealingPki
{
    public const string SealPassword = "seal-password";

    public SealingPki(string folder)
    {
        Folder = Directory.CreateDirectory(folder).FullName;
        var from = DateTimeOffset.UtcNow.AddDays(-30);
        Root = F.Root(F.Name("Sealing Test Root (TEST ONLY)"), from, from.AddYears(5), 2048);
        File.WriteAllText(RootPem, Root.Certificate.ExportCertificatePem());
        var seal = F.Issue(Root, F.Name("Sở Kế hoạch và Đầu tư", "UBND tỉnh"), RSA.Create(2048), from, from.AddYears(2),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation));
        using (var withKey = seal.WithKey()) File.WriteAllBytes(SealP12, withKey.Export(X509ContentType.Pkcs12, SealPassword));
        Tsa = F.Issue(Root, F.Name("Sealing Test TSA (TEST ONLY)"), RSA.Create(2048), from, from.AddYears(2),
            new CertificateProfile(X509KeyUsageFlags.DigitalSignature) { ExtendedKeyUsages = [F.TimeStamping], ExtendedKeyUsageCritical = true });
    }

    public string Folder { get; }
    public IssuedCertificate Root { get; }
    public IssuedCertificate Tsa { get; }
    public string RootPem => Path.Combine(Folder, "root.pem");
    public string SealP12 => Path.Combine(Folder, "seal.p12");
}

/// <summary>
/// An RFC 3161 TSA on 127.0.0.1 that a test stops and starts: stopped, its port refuses connections, as a TSA that is
/// down does. The port stays the same, so the hub's Signatures:TsaUrl and its circuit stay the same.
/// </summary>
public sealed class SwitchableTsa : IDisposable
{
    private readonly TimestampResponder _responder;
    private readonly int _port;
    private TcpListener? _listener;
    private Task _loop = Task.CompletedTask;
    private int _requests;

    public SwitchableTsa(TimestampResponder responder)
    {
        _responder = responder;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        Url = new Uri($"http://127.0.0.1:{_port}/tsa");
    }

    public Uri Url { get; }

    /// <summary>Requests answered since the TSA was made.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public bool Up => _listener is not null;

    public void Start()
    {
        if (_listener is not null) return;
        var listener = new TcpListener(IPAddress.Loopback, _port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _loop = Task.Run(() => ServeAsync(listener));
    }

    public void Stop()
    {
        if (_listener is not { } listener) return;
        _listener = null;
        listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    /// <summary>A minimal HTTP/1.1 server: one POST per connection, the body by Content-Length, the token back, closed.</summary>
    private async Task ServeAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = new List<byte>();
            while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                var b = stream.ReadByte();
                if (b < 0) return;
                head.Add((byte)b);
            }
            var lines = System.Text.Encoding.ASCII.GetString([.. head]).Split("\r\n");
            var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim())).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            Interlocked.Increment(ref _requests);
            var reply = _responder.Handle(body);
            var header = $"HTTP/1.1 200 OK\r\nContent-Type: {TimestampClient.ReplyMediaType}\r\nContent-Length: {reply.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(reply);
        }
        catch (IOException) { }
    }

    public void Dispose() => Stop();
}
